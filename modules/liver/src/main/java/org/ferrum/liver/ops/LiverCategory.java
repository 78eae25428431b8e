package org.ferrum.liver.ops;

/** The palette category of the liver-iron operators. */
final class LiverCategory {

    static final String NAME = "Liver iron";

    private LiverCategory() {
    }
}
