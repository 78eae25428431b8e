package org.ferrum.viewer;

/**
 * The three display planes, named by the patient axis they are perpendicular to (LPS: x = left,
 * y = posterior, z = superior).
 */
public enum Plane {
    /** Perpendicular to z (superior): a slice seen from the feet. */
    AXIAL(2),
    /** Perpendicular to y (posterior): a slice seen from the front. */
    CORONAL(1),
    /** Perpendicular to x (left): a slice seen from the side. */
    SAGITTAL(0);

    private final int normalPatientAxis;

    Plane(int normalPatientAxis) {
        this.normalPatientAxis = normalPatientAxis;
    }

    /** 0, 1 or 2: the LPS axis (x, y, z) this plane is perpendicular to. */
    public int normalPatientAxis() {
        return normalPatientAxis;
    }
}
