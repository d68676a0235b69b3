package sparkprop.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * {@code augment --preview}: a PNG with one row per digit (the first training image of each digit
 * 0 to 9), the original on the left and, to its right, its distorted copies 1 to {@code copies} as
 * {@link Augmentation} writes them for the same seed, dark ink on white, each pixel drawn as a
 * square of {@value #ZOOM} × {@value #ZOOM}.
 */
public final class DistortionPreview {

    static final int ZOOM = 3;
    static final int GAP = 4;
    /** Where in the training images the first image of each digit is looked for. */
    private static final int SEARCHED = 1000;

    private DistortionPreview() {
    }

    /** The PNG's bytes. */
    public static byte[] png(DataSlice originals, int copies, long seed, ElasticDistortion distortion) {
        IdxHeader header = IdxFile.header(originals.imageFile());
        int size = (int) header.recordSize();
        int width = header.dimensions()[header.dimensions().length - 1];
        int height = size / width;
        int searched = Math.min(SEARCHED, originals.size());
        byte[] pixels = IdxFile.records(originals.imageFile(), header, originals.from(), originals.from() + searched);
        int[] labels = DataSlice.checkedLabels(originals.labelFile(), IdxFile.header(originals.labelFile()), originals.from(),
                originals.from() + searched);
        List<Integer> rows = firstOfEachDigit(labels);
        int cellWidth = width * ZOOM + GAP;
        int cellHeight = height * ZOOM + GAP;
        // One extra gap after the originals' column sets them apart from the copies.
        BufferedImage picture = new BufferedImage(GAP + cellWidth * (copies + 1) + GAP, GAP + cellHeight * rows.size(),
                BufferedImage.TYPE_BYTE_GRAY);
        fill(picture, 0, 0, picture.getWidth(), picture.getHeight(), 255);
        for (int r = 0; r < rows.size(); r++) {
            int image = rows.get(r);
            int top = GAP + r * cellHeight;
            draw(picture, pixels, image * size, width, height, GAP, top);
            for (int copy = 1; copy <= copies; copy++) {
                long imageSeed = new DistortionPass(distortion, seed, copy).seedOf(originals.from() + image);
                byte[] distorted = distortion.distortedPixels(pixels, image * size, width, height, imageSeed);
                draw(picture, distorted, 0, width, height, 2 * GAP + copy * cellWidth, top);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: does not happen
        }
        return png.toByteArray();
    }

    /** The position of the first image of each digit that occurs, in the digits' order. */
    static List<Integer> firstOfEachDigit(int[] labels) {
        List<Integer> first = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == digit) {
                    first.add(i);
                    break;
                }
            }
        }
        return first;
    }

    private static void draw(BufferedImage picture, byte[] pixels, int start, int width, int height, int left, int top) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                fill(picture, left + x * ZOOM, top + y * ZOOM, ZOOM, ZOOM, 255 - (pixels[start + y * width + x] & 0xFF));
            }
        }
    }

    private static void fill(BufferedImage picture, int left, int top, int width, int height, int grey) {
        // The raster's own samples: setRGB would convert sRGB to the grey image's linear scale.
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                picture.getRaster().setSample(x, y, 0, grey);
            }
        }
    }
}
