package org.ferrum.viewer;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Geometry;
import org.ferrum.core.PhysicalUnit;
import org.ferrum.core.Volume;
import org.ferrum.core.Volumes;
import org.junit.jupiter.api.Test;

/**
 * Paints a χ | R2* comparison and an orthogonal view of a synthetic liver-like phantom into
 * target/viewer-*.png for a person to look at, and checks the images are not blank.
 */
class ViewerScreenshotTest {

    /** An ellipsoid "organ" with a brighter sphere "lesion"; outside the body NaN. */
    static Volume<FloatType> phantom(PhysicalUnit unit, float organ, float lesion, float background) {
        int n = 48;
        Volume<FloatType> v = Volumes.createFloat(new long[]{n, n, 24}, Geometry.axisAligned(2, 2, 4), unit);
        float[] a = Volumes.floats(v);
        int i = 0;
        for (int z = 0; z < 24; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++, i++) {
                    double ex = (x - 24) / 20.0, ey = (y - 24) / 14.0, ez = (z - 12) / 10.0;
                    double body = ex * ex + ey * ey + ez * ez;
                    double lx = x - 30, ly = y - 20, lz = z - 12;
                    a[i] = body > 1 ? Float.NaN : lx * lx + ly * ly + lz * lz < 25 ? lesion
                            : (float) (organ + background * (x - 24) / 24.0);
                }
        return v;
    }

    @Test
    void paintsComparisonAndOrthogonalViews() throws Exception {
        Path out = Path.of("target");
        Files.createDirectories(out);
        SwingUtilities.invokeAndWait(() -> {
            try {
                NamedVolume chi = new NamedVolume("χ", phantom(PhysicalUnit.PPM, 0.05f, 0.15f, 0.05f));
                NamedVolume r2s = new NamedVolume("R2*", phantom(PhysicalUnit.PER_SECOND, 150f, 420f, 40f));
                JComponent linked = ViewerTopComponent.createContent(List.of(chi, r2s));
                write(linked, 1000, 560, out.resolve("viewer-linked.png"));
                JComponent ortho = ViewerTopComponent.createContent(List.of(r2s));
                ((OrthogonalView) ortho).views().get(0).addOverlay(LabelOverlay.mask(
                        phantom(PhysicalUnit.DIMENSIONLESS, 0f, 1f, 0f), 0xFF0000, 0.5));
                write(ortho, 1200, 460, out.resolve("viewer-orthogonal.png"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(Files.size(out.resolve("viewer-linked.png")) > 5000);
        assertTrue(Files.size(out.resolve("viewer-orthogonal.png")) > 5000);
    }

    private static void write(JComponent c, int w, int h, Path file) throws Exception {
        c.setSize(w, h);
        layoutAll(c);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        c.paint(g);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void layoutAll(java.awt.Container c) {
        c.doLayout();
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof java.awt.Container k) {
                layoutAll(k);
            }
        }
    }
}
