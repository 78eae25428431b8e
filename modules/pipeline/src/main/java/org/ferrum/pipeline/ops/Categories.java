package org.ferrum.pipeline.ops;

/** Palette categories of the built-in operators (algorithm modules add their own, e.g. "QSM"). */
final class Categories {

    static final String INPUT_OUTPUT = "Input and output";
    static final String VOLUME = "Volume";
    static final String MASKS = "Volume/Masks";
    static final String STATISTICS = "Statistics";
    static final String MATH = "Math";

    private Categories() {
    }
}
