package sparkprop.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * A picture of one handwritten digit made to look like an MNIST image: grey levels, a light digit
 * on a dark ground (a dark-on-light picture is inverted), the digit scaled to fit a 20×20 box, and
 * placed in a 28×28 image with its centre of mass at the centre, as LeCun et al. prepared MNIST.
 */
public final class DigitImage {

    private static final int SIDE = 28;
    private static final int BOX = 20;

    private DigitImage() {
    }

    /** Reads a PNG (or any format ImageIO reads) of at least 28×28 pixels; the 784 inputs in [0, 1], row by row. */
    public static double[] read(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new BadDataException(file + ": cannot be read as an image: " + e.getMessage());
        }
        if (image == null) {
            throw new BadDataException(file + ": expected a PNG image, found a file no image reader recognizes");
        }
        if (image.getWidth() < SIDE || image.getHeight() < SIDE) {
            throw new BadDataException(file + ": expected at least 28×28 pixels, found " + image.getWidth() + "×" + image.getHeight());
        }
        return mnistInputs(image, file.toString());
    }

    /** The 784 MNIST-like inputs of a picture; {@code name} is for messages. */
    public static double[] mnistInputs(BufferedImage image, String name) {
        double[][] ink = ink(image);
        int width = ink[0].length;
        int height = ink.length;
        int top = height, bottom = -1, left = width, right = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y][x] > 0.1) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) {
            throw new BadDataException(name + ": expected a digit, found a blank picture");
        }
        // Scale the digit's bounding box to fit 20×20, keeping its proportions.
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        double scale = (double) BOX / Math.max(boxWidth, boxHeight);
        int scaledWidth = Math.max(1, (int) Math.round(boxWidth * scale));
        int scaledHeight = Math.max(1, (int) Math.round(boxHeight * scale));
        double[][] digit = resample(ink, top, left, boxHeight, boxWidth, scaledHeight, scaledWidth);
        // Place it so that its centre of mass falls on pixel (14, 14), where MNIST's centres of mass are
        // (the t10k images' mean is (13.99, 14.01), standard deviation 0.29).
        double mass = 0, rows = 0, columns = 0;
        for (int y = 0; y < scaledHeight; y++) {
            for (int x = 0; x < scaledWidth; x++) {
                mass += digit[y][x];
                rows += y * digit[y][x];
                columns += x * digit[y][x];
            }
        }
        int offsetY = clamp((int) Math.round(SIDE / 2.0 - rows / mass), SIDE - scaledHeight);
        int offsetX = clamp((int) Math.round(SIDE / 2.0 - columns / mass), SIDE - scaledWidth);
        double[] inputs = new double[SIDE * SIDE];
        for (int y = 0; y < scaledHeight; y++) {
            for (int x = 0; x < scaledWidth; x++) {
                inputs[(y + offsetY) * SIDE + x + offsetX] = digit[y][x];
            }
        }
        return inputs;
    }

    /** Each pixel's ink in [0, 1]: grey level, inverted when the picture is dark on light (judged by its border). */
    private static double[][] ink(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        double[][] grey = new double[height][width];
        double border = 0;
        int borderPixels = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                double alpha = ((argb >>> 24) & 0xFF) / 255.0;
                double luma = (0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF)) / 255.0;
                grey[y][x] = alpha * luma + (1 - alpha); // transparency shows white paper
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                    border += grey[y][x];
                    borderPixels++;
                }
            }
        }
        boolean darkOnLight = border / borderPixels > 0.5;
        for (double[] row : grey) {
            for (int x = 0; x < width; x++) {
                row[x] = darkOnLight ? 1 - row[x] : row[x];
            }
        }
        return grey;
    }

    /** Box-filter resampling of a region: each output pixel is the mean of the input pixels it covers. */
    private static double[][] resample(double[][] ink, int top, int left, int height, int width, int newHeight, int newWidth) {
        double[][] out = new double[newHeight][newWidth];
        for (int y = 0; y < newHeight; y++) {
            int y0 = top + y * height / newHeight;
            int y1 = Math.max(y0 + 1, top + (y + 1) * height / newHeight);
            for (int x = 0; x < newWidth; x++) {
                int x0 = left + x * width / newWidth;
                int x1 = Math.max(x0 + 1, left + (x + 1) * width / newWidth);
                double sum = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        sum += ink[yy][xx];
                    }
                }
                out[y][x] = sum / ((y1 - y0) * (x1 - x0));
            }
        }
        return out;
    }

    private static int clamp(int offset, int max) {
        return Math.max(0, Math.min(max, offset));
    }
}
