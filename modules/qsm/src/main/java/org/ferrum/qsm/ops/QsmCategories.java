package org.ferrum.qsm.ops;

/** Palette categories of the QSM operators, in the order a QSM pipeline uses them. */
public final class QsmCategories {

    public static final String MASKING = "QSM/Masking";
    public static final String UNWRAPPING = "QSM/Phase unwrapping";
    public static final String ECHO_COMBINATION = "QSM/Echo combination";
    public static final String BACKGROUND = "QSM/Background field removal";
    public static final String DIPOLE_INVERSION = "QSM/Dipole inversion";
    public static final String SWI = "QSM/SWI";
    public static final String PHANTOMS = "QSM/Phantoms";
    public static final String EVALUATION = "QSM/Evaluation";

    private QsmCategories() {
    }
}
