package org.ferrum.qsm.unwrap;

/**
 * Small arithmetic of phase wraps shared by the unwrappers. Every unwrapper in this package decides an
 * integer number of turns k per voxel and returns φ + 2πk, never a re-computed phase, so that its result
 * differs from the wrapped input by whole multiples of 2π (to float rounding) by construction.
 */
public final class PhaseWraps {

    /** 2π. */
    public static final double TWO_PI = 2 * Math.PI;

    private PhaseWraps() {
    }

    /** x wrapped into [−π, π). */
    public static double wrap(double x) {
        return x - TWO_PI * Math.floor((x + Math.PI) / TWO_PI);
    }

    /** The whole number of turns k for which φ + 2πk is nearest to {@code target}: round((target − φ)/2π). */
    public static int turnsBetween(double phase, double target) {
        return (int) Math.round((target - phase) / TWO_PI);
    }

    /** φ + 2πk, computed in double and rounded once to float. */
    public static float plusTurns(double phase, int turns) {
        return (float) (phase + TWO_PI * turns);
    }
}
