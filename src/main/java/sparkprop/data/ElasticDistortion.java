package sparkprop.data;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Simard, Steinkraus and Platt's distortions of a handwritten digit ("Best practices for
 * convolutional neural networks applied to visual document analysis", ICDAR 2003, section 2),
 * which let a fully connected [784,800,10] network reach 99.3% on MNIST. For an image, made anew
 * from a seed:
 * <ol>
 * <li>a small random affine map about the image's centre: a rotation of up to
 *     {@code maxRotationDegrees}, a scaling by 1 ± up to {@code maxScale} along each axis and a shear
 *     of up to {@code maxShear};</li>
 * <li>an elastic distortion: a displacement Δx, Δy drawn from U(−1, 1) for every pixel, each field
 *     convolved with a Gaussian of standard deviation {@code sigma} pixels and scaled by
 *     {@code alpha}.</li>
 * </ol>
 * Output pixel (x, y) takes the input's intensity at the affine image of (x, y) plus its
 * displacement, by bilinear interpolation, 0 outside the image.
 *
 * <p>{@link #SIMARD}: σ = 4 and α = 34, Simard et al.'s values for MNIST; the affine ranges
 * (7.5°, 7.5%, 0.1) are this project's choice, not a paper's. The same seed gives the same image
 * on any JVM: Java's arithmetic is exact to IEEE 754, and {@link StrictMath} fixes the functions
 * whose last bit the JDK otherwise leaves to the platform.
 */
public record ElasticDistortion(double alpha, double sigma, double maxRotationDegrees, double maxScale, double maxShear)
        implements Serializable {

    public static final ElasticDistortion SIMARD = new ElasticDistortion(34, 4, 7.5, 0.075, 0.1);

    public ElasticDistortion {
        if (!(alpha >= 0 && sigma > 0 && maxRotationDegrees >= 0 && maxScale >= 0 && maxScale < 1 && maxShear >= 0)) {
            throw new IllegalArgumentException("expected alpha >= 0, sigma > 0, rotation >= 0, 0 <= scale < 1 and shear >= 0, found "
                    + this);
        }
    }

    /**
     * Writes the intensities (0 to 1) of the distorted image into {@code out} from {@code offset};
     * the image is {@code width × height} bytes of {@code pixels} from {@code start}, row by row.
     */
    public void distort(byte[] pixels, int start, int width, int height, long seed, double[] out, int offset) {
        SplittableRandom random = new SplittableRandom(seed);
        double angle = StrictMath.toRadians(uniform(random, maxRotationDegrees));
        double scaleX = 1 + uniform(random, maxScale);
        double scaleY = 1 + uniform(random, maxScale);
        double shear = uniform(random, maxShear);
        // Where an output pixel looks in the input: rotate, shear, then scale, about the centre.
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        double a = scaleX * cos;
        double b = scaleX * (shear * cos - sin);
        double c = scaleY * sin;
        double d = scaleY * (shear * sin + cos);
        double[] kernel = gaussian(sigma);
        double[] dx = smoothedField(random, kernel, width, height);
        double[] dy = smoothedField(random, kernel, width, height);
        double centreX = (width - 1) / 2.0;
        double centreY = (height - 1) / 2.0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = x - centreX;
                double v = y - centreY;
                double sourceX = centreX + a * u + b * v + alpha * dx[y * width + x];
                double sourceY = centreY + c * u + d * v + alpha * dy[y * width + x];
                out[offset + y * width + x] = bilinear(pixels, start, width, height, sourceX, sourceY) / 255.0;
            }
        }
    }

    /**
     * The distorted image as stored pixels, each intensity rounded to the nearest of the 256 levels:
     * what {@code augment} writes, and what its preview draws.
     */
    public byte[] distortedPixels(byte[] pixels, int start, int width, int height, long seed) {
        double[] intensities = new double[width * height];
        distort(pixels, start, width, height, seed, intensities, 0);
        byte[] result = new byte[intensities.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = (byte) Math.round(intensities[i] * 255);
        }
        return result;
    }

    /** U(−1, 1) for every pixel, convolved with {@code kernel} (rows, then columns; 0 beyond the edges). */
    private static double[] smoothedField(SplittableRandom random, double[] kernel, int width, int height) {
        double[] field = new double[width * height];
        for (int i = 0; i < field.length; i++) {
            field[i] = random.nextDouble(-1, 1);
        }
        return convolved(convolved(field, kernel, width, height, 1, 0), kernel, width, height, 0, 1);
    }

    /** {@code field} convolved with {@code kernel} along one axis (step (1, 0): along rows; (0, 1): along columns), 0 beyond the edges. */
    private static double[] convolved(double[] field, double[] kernel, int width, int height, int stepX, int stepY) {
        int radius = kernel.length / 2;
        double[] result = new double[field.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = x + k * stepX;
                    int yy = y + k * stepY;
                    if (xx >= 0 && xx < width && yy >= 0 && yy < height) {
                        sum += kernel[k + radius] * field[yy * width + xx];
                    }
                }
                result[y * width + x] = sum;
            }
        }
        return result;
    }

    /** The normalized Gaussian of standard deviation {@code sigma}, out to 3 sigma. */
    private static double[] gaussian(double sigma) {
        int radius = (int) StrictMath.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = StrictMath.exp(-(k * k) / (2 * sigma * sigma));
            total += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= total;
        }
        return kernel;
    }

    /** The image's value at (x, y) between pixel centres, 0 outside it. */
    private static double bilinear(byte[] pixels, int start, int width, int height, double x, double y) {
        int x0 = (int) StrictMath.floor(x);
        int y0 = (int) StrictMath.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fx) * (1 - fy) * pixel(pixels, start, width, height, x0, y0)
                + fx * (1 - fy) * pixel(pixels, start, width, height, x0 + 1, y0)
                + (1 - fx) * fy * pixel(pixels, start, width, height, x0, y0 + 1)
                + fx * fy * pixel(pixels, start, width, height, x0 + 1, y0 + 1);
    }

    private static int pixel(byte[] pixels, int start, int width, int height, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : pixels[start + y * width + x] & 0xFF;
    }

    /** U(−limit, limit); 0 when the limit is 0 (the draw is still made, so the sequence of draws does not depend on the limits). */
    private static double uniform(SplittableRandom random, double limit) {
        return limit * random.nextDouble(-1, 1);
    }

    /**
     * The seed of sample {@code index}'s distortion in pass {@code pass} (an epoch, or a stored copy)
     * of a run seeded {@code seed}: SplitMix64's finalizer over the three, so nearby indices get unrelated seeds.
     */
    public static long seedOf(long seed, long pass, long index) {
        return mix(mix(mix(seed) + pass) + index);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
