import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the SimCLR Studio icon with Java2D and writes it as PNG files, a Windows .ico and a macOS .icns.
 *
 * <p>The motif is the contrastive view pair: two augmented crops of one picture, tilted apart, joined by
 * the link that NT-Xent pulls together. Run it with {@code java packaging/icons/IconGenerator.java assets}
 * from the repository root; it needs only a JDK, so every platform produces the same files.
 */
public final class IconGenerator {

    private static final int[] ICO_SIZES = {16, 32, 48, 64, 128, 256};

    private IconGenerator() {
    }

    /** Writes the icon files into the folder named by {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java IconGenerator.java OUTPUT_FOLDER");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int size : new int[] {16, 32, 48, 128, 512}) {
            ImageIO.write(draw(size), "png", out.resolve("simclr-studio-" + size + ".png").toFile());
        }
        // The 256-pixel PNG is the Linux package and window icon.
        ImageIO.write(draw(256), "png", out.resolve("simclr-studio.png").toFile());
        writeIco(out.resolve("simclr-studio.ico"));
        writeIcns(out.resolve("simclr-studio.icns"));
    }

    /** Draws the icon at {@code size} x {@code size} pixels, scaling one 1024-unit design. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 1024.0, size / 1024.0);

        // Background tile: a deep blue rounded square, as on the macOS and GNOME icon grids.
        RoundRectangle2D tile = new RoundRectangle2D.Double(48, 48, 928, 928, 210, 210);
        g.setPaint(new GradientPaint(0, 48, new Color(0x1E2A5A), 0, 976, new Color(0x0B1230)));
        g.fill(tile);

        // View one: tilted left, cool colours (one augmentation of the picture).
        drawView(g, 340, 430, -12, new Color(0x2EC4B6), new Color(0xCBF3F0), new Color(0x0E7C86));
        // View two: tilted right, warm colours (a colour-jittered, differently cropped view).
        drawView(g, 684, 594, 10, new Color(0xFF9F1C), new Color(0xFFE8C2), new Color(0xC0580F));

        // The positive-pair link between the two view centres.
        g.setStroke(new BasicStroke(34, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(255, 255, 255, 235));
        g.draw(new Line2D.Double(412, 500, 612, 524));
        g.fill(new Ellipse2D.Double(412 - 46, 500 - 46, 92, 92));
        g.fill(new Ellipse2D.Double(612 - 46, 524 - 46, 92, 92));
        g.dispose();
        return image;
    }

    private static void drawView(Graphics2D g, double cx, double cy, double degrees,
                                 Color frame, Color sky, Color hill) {
        AffineTransform saved = g.getTransform();
        g.rotate(Math.toRadians(degrees), cx, cy);
        double w = 430;
        double h = 430;
        RoundRectangle2D card = new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, 70, 70);
        g.setColor(new Color(0, 0, 0, 90));
        g.fill(new RoundRectangle2D.Double(cx - w / 2 + 14, cy - h / 2 + 22, w, h, 70, 70));
        g.setColor(frame);
        g.fill(card);

        RoundRectangle2D picture = new RoundRectangle2D.Double(cx - w / 2 + 34, cy - h / 2 + 34, w - 68, h - 68, 44, 44);
        g.setColor(sky);
        g.fill(picture);
        g.clip(picture);
        Path2D hills = new Path2D.Double();
        hills.moveTo(cx - w / 2, cy + h / 2);
        hills.lineTo(cx - w / 2, cy + 60);
        hills.lineTo(cx - 70, cy - 60);
        hills.lineTo(cx + 20, cy + 30);
        hills.lineTo(cx + 90, cy - 20);
        hills.lineTo(cx + w / 2, cy + 90);
        hills.lineTo(cx + w / 2, cy + h / 2);
        hills.closePath();
        g.setColor(hill);
        g.fill(hills);
        g.setColor(frame);
        g.fill(new Ellipse2D.Double(cx + 60, cy - 140, 80, 80));
        g.setTransform(saved);
        g.setClip(null);
    }

    private static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", bytes);
        return bytes.toByteArray();
    }

    /** Writes a Windows icon whose entries are PNG images, a form Windows Vista and later read. */
    private static void writeIco(Path file) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int size : ICO_SIZES) {
            images.add(png(size));
        }
        int headerSize = 6 + 16 * ICO_SIZES.length;
        ByteBuffer header = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) ICO_SIZES.length);
        int offset = headerSize;
        for (int i = 0; i < ICO_SIZES.length; i++) {
            int size = ICO_SIZES[i];
            // A width or height of 256 is stored as 0.
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            header.put((byte) 0).put((byte) 0);
            header.putShort((short) 1).putShort((short) 32);
            header.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            for (byte[] image : images) {
                out.write(image);
            }
        }
    }

    /** Writes a macOS icon family with PNG entries (icp4, icp5, ic07 to ic10; macOS 10.7 and later). */
    private static void writeIcns(Path file) throws IOException {
        String[] types = {"icp4", "icp5", "ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {16, 32, 128, 256, 512, 1024};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(sizes[i]);
            ByteBuffer entry = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
            entry.put(types[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + image.length);
            body.write(entry.array());
            body.write(image);
        }
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        header.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + body.size());
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            body.writeTo(out);
        }
    }
}
