/*
 * Draws Ferrum's splash screen, about image and window icons. Run from the repository root with
 *   java branding/src/main/artwork/Artwork.java
 * and commit the images it writes under branding/src/main/nbm-branding/. The art is ours: an iron
 * element tile (Fe, Z = 26) over the field pattern of a magnetic dipole, whose (3cos²θ − 1)/r³
 * shape is what QSM inverts.
 */
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

public class Artwork {

    static final Color RUST_DARK = new Color(0x2b, 0x14, 0x0c);
    static final Color RUST = new Color(0x8a, 0x3b, 0x16);
    static final Color RUST_LIGHT = new Color(0xd9, 0x7b, 0x3a);
    static final Color STEEL = new Color(0xe8, 0xe4, 0xdf);

    public static void main(String[] args) throws IOException {
        File startup = new File("branding/src/main/nbm-branding/core/core.jar/org/netbeans/core/startup");
        startup.mkdirs();
        ImageIO.write(splash(480, 300, true), "gif", new File(startup, "splash.gif"));
        ImageIO.write(splash(480, 300, false), "png", new File(startup, "about.png"));
        ImageIO.write(icon(16), "gif", new File(startup, "frame.gif"));
        ImageIO.write(icon(32), "gif", new File(startup, "frame32.gif"));
        ImageIO.write(icon(48), "gif", new File(startup, "frame48.gif"));
        for (int s : new int[]{256, 512, 1024}) {
            ImageIO.write(icon(s), "png", new File(startup, "frame" + s + ".png"));
        }
    }

    static Graphics2D smooth(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    /** Dipole field lines r = c·sin²θ around (cx, cy), axis vertical (B0). */
    static void dipole(Graphics2D g, double cx, double cy, double scale, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(1.1f));
        for (double c = 0.35; c <= 2.6; c += 0.3) {
            for (int side = -1; side <= 1; side += 2) {
                java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
                boolean first = true;
                for (double t = 0.02; t < Math.PI - 0.02; t += 0.01) {
                    double r = c * Math.sin(t) * Math.sin(t) * scale;
                    double x = cx + side * r * Math.sin(t);
                    double y = cy - r * Math.cos(t);
                    if (first) {
                        p.moveTo(x, y);
                        first = false;
                    } else {
                        p.lineTo(x, y);
                    }
                }
                g.draw(p);
            }
        }
    }

    static void elementTile(Graphics2D g, int x, int y, int size, boolean details) {
        g.setPaint(new GradientPaint(x, y, RUST_LIGHT, x + size, y + size, RUST));
        g.fill(new RoundRectangle2D.Double(x, y, size, size, size * 0.18, size * 0.18));
        g.setColor(STEEL);
        g.setStroke(new BasicStroke(Math.max(1f, size / 40f)));
        g.draw(new RoundRectangle2D.Double(x + 0.5, y + 0.5, size - 1, size - 1, size * 0.18, size * 0.18));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) (size * (details ? 0.46 : 0.56))));
        String fe = "Fe";
        int w = g.getFontMetrics().stringWidth(fe);
        int base = details ? y + (int) (size * 0.68) : y + (int) (size * 0.74);
        g.drawString(fe, x + (size - w) / 2, base);
        if (details) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) (size * 0.15)));
            g.drawString("26", x + (int) (size * 0.09), y + (int) (size * 0.2));
            String mass = "55.845";
            int mw = g.getFontMetrics().stringWidth(mass);
            g.drawString(mass, x + (size - mw) / 2, y + (int) (size * 0.9));
        }
    }

    static BufferedImage splash(int w, int h, boolean withProgressArea) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(img);
        g.setPaint(new GradientPaint(0, 0, RUST_DARK, w, h, new Color(0x4a, 0x22, 0x12)));
        g.fillRect(0, 0, w, h);
        dipole(g, w * 0.78, h * 0.45, 70, new Color(255, 180, 120, 46));
        elementTile(g, 32, 40, 110, true);
        g.setColor(STEEL);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 54));
        g.drawString("Ferrum", 164, 100);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString("Quantitative MRI of iron", 168, 128);
        g.drawString("and of tumour response", 168, 148);
        g.setColor(new Color(0xc9, 0xb8, 0xab));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("QSM · R2* · liver iron · fat–water · longitudinal studies", 32, 196);
        g.drawString("A research IDE on the Apache NetBeans Platform", 32, 214);
        if (withProgressArea) {
            g.setColor(new Color(0x1e, 0x0e, 0x08));
            g.fillRect(0, 262, w, h - 262);
        }
        g.dispose();
        return img;
    }

    static BufferedImage icon(int s) {
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(img);
        elementTile(g, 0, 0, s, s >= 48);
        g.dispose();
        return img;
    }
}
