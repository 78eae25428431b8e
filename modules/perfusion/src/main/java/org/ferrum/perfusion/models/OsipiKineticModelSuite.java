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
package org.ferrum.perfusion.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrum.core.conformance.ConformanceCase;
import org.ferrum.core.conformance.ConformanceFile;
import org.ferrum.core.conformance.ConformanceReport;
import org.ferrum.core.conformance.ConformanceSuite;
import org.ferrum.core.fit.FitStatus;
import org.ferrum.core.parallel.Cancellation;
import org.ferrum.perfusion.ArterialInputFunction;
import org.openide.util.lookup.ServiceProvider;

/**
 * The OSIPI DCE pharmacokinetic-model test files (OSIPI DCE-DSC-MRI code collection, {@code test/} data), recognised by
 * their header columns, fitted with {@link KineticFit} and judged with the suite's tolerances (|fit − ref| ≤ atol +
 * rtol·|ref|): Ktrans and PS 0.005 1/min + 10 %, ve 0.05, vp 0.025, Fp 5 ml/100 ml/min + 10 %, delay 1 s.
 *
 * <table>
 * <caption>Formats</caption>
 * <tr><th>model</th><th>columns</th></tr>
 * <tr><td>Tofts</td><td>label, ve, Ktrans, arterialdelay, t (s), C (mM), ca (plasma mM), ta (s)</td></tr>
 * <tr><td>extended Tofts</td><td>the same plus vp</td></tr>
 * <tr><td>Patlak</td><td>label, vp, ps (1/min), arterial_delay, t (s), C_t, cp_aif</td></tr>
 * <tr><td>2CXM</td><td>label, vp, ve, fp (ml/100 ml/min), ps (1/min), arterial_delay, t, C_t, cp_aif</td></tr>
 * <tr><td>2CUM</td><td>label, vp, fp, ps, arterial_delay, t, C_t, cp_aif</td></tr>
 * </table>
 *
 * The AIF delay is fitted (and judged) when the file name says a delay other than 0 ({@code …delay_5…}) or any case
 * has a non-zero arterial delay; the reference delay is the file's column, read as seconds. The suite's bounds and
 * starts are those of the models ({@link KineticParameter}); delay −10 … 10 s.
 */
@ServiceProvider(service = ConformanceSuite.class)
public final class OsipiKineticModelSuite implements ConformanceSuite {

    @Override
    public String name() {
        return "OSIPI DCE: pharmacokinetic models";
    }

    @Override
    public boolean accepts(ConformanceFile file) {
        return format(file) != null;
    }

    /** The model a file's header means, or null. */
    static String format(ConformanceFile file) {
        if (file.hasColumns("label", "ve", "Ktrans", "t", "C", "ca")) {
            return file.hasColumns("vp") ? "extended-tofts" : "tofts";
        }
        if (!file.hasColumns("label", "vp", "ps", "t", "C_t", "cp_aif")) {
            return null;
        }
        if (file.hasColumns("fp")) {
            return file.hasColumns("ve") ? "2cxm" : "2cum";
        }
        return file.hasColumns("ve") ? null : "patlak";
    }

    @Override
    public ConformanceReport run(ConformanceFile file, Cancellation cancellation) throws IOException {
        String modelName = format(file);
        if (modelName == null) {
            throw new IOException(file.path() + " is not an OSIPI DCE model file (columns " + file.columns() + ")");
        }
        TracerKineticModel model = KineticModels.named(modelName).orElseThrow();
        List<Map<String, String>> rows = rows(file);
        boolean tofts = modelName.contains("tofts");
        String delayColumn = tofts ? "arterialdelay" : "arterial_delay";
        boolean fitDelay = file.fileName().matches(".*delay_(?!0[._]).*");
        for (Map<String, String> row : rows) {
            String d = row.get(delayColumn.toLowerCase(Locale.ROOT));
            fitDelay |= d != null && !d.isBlank() && Double.parseDouble(d.trim()) != 0;
        }
        List<ConformanceCase> cases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("model " + model.displayName() + (fitDelay ? ", delay fitted (−10 … 10 s)" : ", no delay"));
        KineticFit.Settings settings = KineticFit.Settings.DEFAULTS.withFitDelay(fitDelay);
        for (Map<String, String> row : rows) {
            cancellation.throwIfCancelled("OSIPI model conformance");
            String label = row.get("label");
            double[] t = numbers(row.get("t"));
            double[] tissue = numbers(row.get(tofts ? "c" : "c_t"));
            double[] aifValues = numbers(row.get(tofts ? "ca" : "cp_aif"));
            double[] aifTimes = tofts && row.containsKey("ta") ? numbers(row.get("ta")) : t;
            KineticFit fit = new KineticFit(model, t, new ArterialInputFunction(aifTimes, aifValues, label), settings);
            FitStatus status = fit.fit(tissue);
            if (!status.usable()) {
                notes.add(label + ": fit " + status.meaning());
            }
            double[] p = fit.parameters();
            List<KineticParameter> params = model.parameters();
            for (int j = 0; j < params.size(); j++) {
                String name = params.get(j).name();
                String column = name.equals("ktrans") ? (tofts ? "ktrans" : "ps") : name;
                double ref = Double.parseDouble(row.get(column).trim());
                cases.add(ConformanceCase.judged(label, name, ref, p[j], atol(name), rtol(name)));
            }
            if (fitDelay) {
                double ref = Double.parseDouble(
                        row.get(delayColumn.toLowerCase(Locale.ROOT)).trim());
                cases.add(ConformanceCase.judged(label, "delay", ref, fit.delay(), 1.0, 0));
            }
        }
        return new ConformanceReport(name(), file.path(), cases, notes);
    }

    static double atol(String parameter) {
        return switch (parameter) {
            case "ktrans", "ps" -> 0.005;
            case "ve" -> 0.05;
            case "vp" -> 0.025;
            case "fp" -> 5;
            default -> 0;
        };
    }

    static double rtol(String parameter) {
        return switch (parameter) {
            case "ktrans", "ps", "fp" -> 0.1;
            default -> 0;
        };
    }

    /** The rows as column (lower case) → cell. */
    static List<Map<String, String>> rows(ConformanceFile file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                return rows;
            }
            List<String> columns = new ArrayList<>();
            for (String c : split(header.startsWith("\uFEFF") ? header.substring(1) : header)) {
                columns.add(c.trim().toLowerCase(Locale.ROOT));
            }
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line);
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < columns.size() && c < cells.size(); c++) {
                    row.put(columns.get(c), cells.get(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Splits a CSV line on commas outside double quotes, removing the quotes. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                cells.add(b.toString());
                b.setLength(0);
            } else {
                b.append(ch);
            }
        }
        cells.add(b.toString());
        return cells;
    }

    /** A cell of space-separated numbers (brackets tolerated). */
    static double[] numbers(String cell) {
        String s = cell.replace('[', ' ').replace(']', ' ').trim();
        if (s.isEmpty()) {
            return new double[0];
        }
        String[] parts = s.split("[\\s;]+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }
}
