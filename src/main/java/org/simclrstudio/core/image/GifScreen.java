package org.simclrstudio.core.image;

import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.simclrstudio.core.data.RgbImage;
import org.w3c.dom.Node;

/**
 * The logical screen of a GIF and where its first frame sits on it. An animation may start with a
 * frame smaller than the screen, and viewers show the uncovered area as transparent, which becomes
 * white here.
 *
 * @param width logical screen width in pixels
 * @param height logical screen height in pixels
 * @param left first frame's column on the screen
 * @param top first frame's row on the screen
 */
record GifScreen(int width, int height, int left, int top) {

    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";
    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    /**
     * Reads the screen from the GIF metadata of the JDK reader.
     *
     * @return the screen, or {@code null} when the first frame fills it, lies partly outside it or
     *     the reader offers no GIF metadata (then the frame is shown alone)
     */
    static GifScreen read(ImageReader reader, int frameWidth, int frameHeight) throws IOException {
        IIOMetadata stream = reader.getStreamMetadata();
        IIOMetadata image = reader.getImageMetadata(0);
        if (stream == null || image == null || !isSupported(stream, STREAM_FORMAT) || !isSupported(image, IMAGE_FORMAT)) {
            return null;
        }
        Node screen = child(stream.getAsTree(STREAM_FORMAT), "LogicalScreenDescriptor");
        Node descriptor = child(image.getAsTree(IMAGE_FORMAT), "ImageDescriptor");
        if (screen == null || descriptor == null) {
            return null;
        }
        int width = attribute(screen, "logicalScreenWidth");
        int height = attribute(screen, "logicalScreenHeight");
        int left = attribute(descriptor, "imageLeftPosition");
        int top = attribute(descriptor, "imageTopPosition");
        boolean fills = left == 0 && top == 0 && width == frameWidth && height == frameHeight;
        boolean fits = left >= 0 && top >= 0 && left + frameWidth <= width && top + frameHeight <= height;
        return fills || !fits ? null : new GifScreen(width, height, left, top);
    }

    /** Returns a white screen-sized picture with {@code frame} copied to its position. */
    RgbImage place(RgbImage frame) {
        byte[] pixels = new byte[width * height * 3];
        Arrays.fill(pixels, (byte) 0xFF);
        int rowBytes = frame.width() * 3;
        for (int y = 0; y < frame.height(); y++) {
            System.arraycopy(frame.pixels(), y * rowBytes, pixels, ((top + y) * width + left) * 3, rowBytes);
        }
        return new RgbImage(width, height, pixels);
    }

    private static boolean isSupported(IIOMetadata metadata, String format) {
        return Arrays.asList(metadata.getMetadataFormatNames()).contains(format);
    }

    private static Node child(Node parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals(name)) {
                return node;
            }
        }
        return null;
    }

    private static int attribute(Node node, String name) {
        Node value = node.getAttributes().getNamedItem(name);
        return value == null ? -1 : Integer.parseInt(value.getNodeValue());
    }
}
