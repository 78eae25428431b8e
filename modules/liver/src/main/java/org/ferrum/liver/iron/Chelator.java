/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.liver.iron;

/**
 * The iron chelators in clinical use, with what a dose can bind at most.
 *
 * <p>Contract: a dose of D mg of the drug (as dosed: deferoxamine as its mesylate salt) is D / M mmol of chelator,
 * which binds at most D / (M · L) mmol Fe(III), i.e. {@link #theoreticalIronBindingMg} = 55.845 · D / (M · L) mg, with
 * M the molar mass (g/mol) and L the molecules per iron atom: deferoxamine is hexadentate (1:1), deferasirox tridentate
 * (2:1), deferiprone bidentate (3:1) (Hider RC &amp; Hoffbrand AV, N Engl J Med 2018;379:2140–2150; molar masses from
 * the molecular formulas, PubChem: C25H48N6O8·CH4O3S, C21H15N3O4, C7H9NO2).
 */
public enum Chelator {
    /** Deferoxamine mesylate (Desferal), hexadentate. */
    DEFEROXAMINE("deferoxamine mesylate", 656.79, 1),
    /** Deferasirox (Exjade, Jadenu), tridentate. */
    DEFERASIROX("deferasirox", 373.36, 2),
    /** Deferiprone (Ferriprox), bidentate. */
    DEFERIPRONE("deferiprone", 139.15, 3);

    /** Molar mass of iron, g/mol. */
    public static final double IRON_G_PER_MOL = 55.845;

    private final String drug;
    private final double molarMassGPerMol;
    private final int moleculesPerIron;

    Chelator(String drug, double molarMassGPerMol, int moleculesPerIron) {
        this.drug = drug;
        this.molarMassGPerMol = molarMassGPerMol;
        this.moleculesPerIron = moleculesPerIron;
    }

    public String drug() {
        return drug;
    }

    public double molarMassGPerMol() {
        return molarMassGPerMol;
    }

    public int moleculesPerIron() {
        return moleculesPerIron;
    }

    /** The most iron (mg) a dose of {@code doseMg} mg can bind. */
    public double theoreticalIronBindingMg(double doseMg) {
        if (!(doseMg >= 0) || !Double.isFinite(doseMg)) {
            throw new IllegalArgumentException(drug + " dose must be ≥ 0 mg, got " + doseMg);
        }
        return IRON_G_PER_MOL * doseMg / (molarMassGPerMol * moleculesPerIron);
    }
}
