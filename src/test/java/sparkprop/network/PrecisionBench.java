package sparkprop.network;

import java.util.Locale;
import java.util.Random;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A measurement, not a test: would single precision pay? The two products of a step of
 * [784,100,10] at m = 10 (the forward z = w·a and BP4's nablaW = δ·aᵀ) and the update's pass over w,
 * each in double (4 lanes in 256 bits) and in float (8 lanes), by one and the same simple loop for
 * both types (a vector of rows × 4 columns of C at a time), so the ratio shows what the width alone
 * gives. {@link MatrixProduct}, tuned for double, is timed beside them for scale.
 *
 * <pre>mvn -q test-compile && java @conf/java17-options -cp target/test-classes:target/classes:$(cat target/classpath.txt) sparkprop.network.PrecisionBench</pre>
 *
 * <p>The timing is {@link StepBench}'s (medians of 5 rounds of 0.3 s after 1 s of warm-up). With
 * {@code -DfloatOnly=true} the float loops are timed first, before any double product has run.
 */
public final class PrecisionBench {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;

    public static void main(String[] args) {
        int n = 784;
        int hidden = 100;
        int m = 10;
        Random random = new Random(1);
        double[] w = StepBench.uniforms(random, hidden * n);
        double[] x = StepBench.uniforms(random, n * m);
        double[] delta = StepBench.uniforms(random, hidden * m);
        float[] wf = FloatNetwork.toFloats(w);
        float[] xf = FloatNetwork.toFloats(x);
        float[] deltaf = FloatNetwork.toFloats(delta);
        double[] z = new double[hidden * m];
        double[] nablaW = new double[hidden * n];
        float[] zf = new float[hidden * m];
        float[] nablaWf = new float[hidden * n];
        double flops = 2.0 * hidden * n * m;

        System.out.println("| part of the step ([784,100,10], m = 10) | MatrixProduct (double) | simple loop, double | simple loop, float | float ÷ double |");
        System.out.println("|---|---|---|---|---|");
        if (Boolean.getBoolean("floatOnly")) {
            System.out.printf(Locale.ROOT, "float alone: forward %.2f BP4 %.2f%n", StepBench.rate(flops, () -> multiply(wf, hidden, n, xf, 1, n, m, zf)),
                    StepBench.rate(flops, () -> multiply(deltaf, hidden, m, xf, n, 1, n, nablaWf)));
        }
        double tuned = StepBench.rate(flops, () -> MatrixProduct.multiply(w, hidden, n, x, 1, n, m, z, false));
        double plain = StepBench.rate(flops, () -> multiply(w, hidden, n, x, 1, n, m, z));
        double single = StepBench.rate(flops, () -> multiply(wf, hidden, n, xf, 1, n, m, zf));
        row("forward w·a", tuned, plain, single);
        tuned = StepBench.rate(flops, () -> MatrixProduct.multiply(delta, hidden, m, x, n, 1, n, nablaW, false));
        plain = StepBench.rate(flops, () -> multiply(delta, hidden, m, x, n, 1, n, nablaW));
        single = StepBench.rate(flops, () -> multiply(deltaf, hidden, m, xf, n, 1, n, nablaWf));
        row("BP4 δ·aᵀ", tuned, plain, single);
        double updateFlops = 3.0 * w.length;
        plain = StepBench.rate(updateFlops, () -> update(w, nablaW, 0.9999, 1e-6));
        single = StepBench.rate(updateFlops, () -> update(wf, nablaWf, 0.9999f, 1e-6f));
        row("update w → decay·w − step·nablaW", Double.NaN, plain, single);
    }

    private static void row(String part, double tuned, double plain, double single) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f× |%n", part, Double.isNaN(tuned) ? "" : String.format(Locale.ROOT, "%.2f", tuned),
                plain, single, single / plain);
    }

    /** C = A·B, A column-major rows × inner, B by strides, C column-major rows × columns; at least one vector of rows. */
    static void multiply(double[] a, int rows, int inner, double[] b, int bInner, int bColumn, int columns, double[] c) {
        for (int j = 0; j < rows; j += DOUBLES.length()) {
            int top = Math.min(j, rows - DOUBLES.length());  // the last vector ends at the last row, overlapping rows done
            int q = 0;
            for (; q + 4 <= columns; q += 4) {
                if (inner <= 16) {
                    shortBlock4(a, rows, inner, b, bInner, bColumn, c, top, q);
                } else {
                    block4(a, rows, inner, b, bInner, bColumn, c, top, q);
                }
            }
            for (; q < columns; q++) {
                block1(a, rows, inner, b, bInner, bColumn, c, top, q);
            }
        }
    }

    /** One vector of rows from {@code top}, columns q .. q+3. */
    private static void block4(double[] a, int rows, int inner, double[] b, int bInner, int bColumn, double[] c, int top, int q) {
        DoubleVector s0 = DoubleVector.zero(DOUBLES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int p = 0, ap = top, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            DoubleVector av = DoubleVector.fromArray(DOUBLES, a, ap);
            s0 = av.fma(DoubleVector.broadcast(DOUBLES, b[bp]), s0);
            s1 = av.fma(DoubleVector.broadcast(DOUBLES, b[bp + bColumn]), s1);
            s2 = av.fma(DoubleVector.broadcast(DOUBLES, b[bp + 2 * bColumn]), s2);
            s3 = av.fma(DoubleVector.broadcast(DOUBLES, b[bp + 3 * bColumn]), s3);
        }
        s0.intoArray(c, top + q * rows);
        s1.intoArray(c, top + (q + 1) * rows);
        s2.intoArray(c, top + (q + 2) * rows);
        s3.intoArray(c, top + (q + 3) * rows);
    }

    /** The same, for a short inner index (BP4's m): a method of its own, so C2 compiles it for that trip count. */
    private static void shortBlock4(double[] a, int rows, int inner, double[] b, int bInner, int bColumn, double[] c, int top, int q) {
        DoubleVector s0 = DoubleVector.zero(DOUBLES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int p = 0, ap = top, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            DoubleVector av = DoubleVector.fromArray(DOUBLES, a, ap);
            s0 = av.fma(DoubleVector.broadcast(DOUBLES, b[bp]), s0);
            s1 = av.fma(DoubleVector.broadcast(DOUBLES, b[bp + bColumn]), s1);
            s2 = av.fma(DoubleVector.broadcast(DOUBLES, b[bp + 2 * bColumn]), s2);
            s3 = av.fma(DoubleVector.broadcast(DOUBLES, b[bp + 3 * bColumn]), s3);
        }
        s0.intoArray(c, top + q * rows);
        s1.intoArray(c, top + (q + 1) * rows);
        s2.intoArray(c, top + (q + 2) * rows);
        s3.intoArray(c, top + (q + 3) * rows);
    }

    /** One vector of rows from {@code top}, column q. */
    private static void block1(double[] a, int rows, int inner, double[] b, int bInner, int bColumn, double[] c, int top, int q) {
        DoubleVector s = DoubleVector.zero(DOUBLES);
        for (int p = 0, ap = top, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            s = DoubleVector.fromArray(DOUBLES, a, ap).fma(DoubleVector.broadcast(DOUBLES, b[bp]), s);
        }
        s.intoArray(c, top + q * rows);
    }

    /** The same loop in float, 8 lanes. */
    static void multiply(float[] a, int rows, int inner, float[] b, int bInner, int bColumn, int columns, float[] c) {
        for (int j = 0; j < rows; j += FLOATS.length()) {
            int top = Math.min(j, rows - FLOATS.length());  // the last vector ends at the last row, overlapping rows done
            int q = 0;
            for (; q + 4 <= columns; q += 4) {
                if (inner <= 16) {
                    shortBlock4(a, rows, inner, b, bInner, bColumn, c, top, q);
                } else {
                    block4(a, rows, inner, b, bInner, bColumn, c, top, q);
                }
            }
            for (; q < columns; q++) {
                block1(a, rows, inner, b, bInner, bColumn, c, top, q);
            }
        }
    }

    /** One vector of rows from {@code top}, columns q .. q+3. */
    private static void block4(float[] a, int rows, int inner, float[] b, int bInner, int bColumn, float[] c, int top, int q) {
        FloatVector s0 = FloatVector.zero(FLOATS);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int p = 0, ap = top, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            FloatVector av = FloatVector.fromArray(FLOATS, a, ap);
            s0 = av.fma(FloatVector.broadcast(FLOATS, b[bp]), s0);
            s1 = av.fma(FloatVector.broadcast(FLOATS, b[bp + bColumn]), s1);
            s2 = av.fma(FloatVector.broadcast(FLOATS, b[bp + 2 * bColumn]), s2);
            s3 = av.fma(FloatVector.broadcast(FLOATS, b[bp + 3 * bColumn]), s3);
        }
        s0.intoArray(c, top + q * rows);
        s1.intoArray(c, top + (q + 1) * rows);
        s2.intoArray(c, top + (q + 2) * rows);
        s3.intoArray(c, top + (q + 3) * rows);
    }

    /** The same, for a short inner index (BP4's m): a method of its own, so C2 compiles it for that trip count. */
    private static void shortBlock4(float[] a, int rows, int inner, float[] b, int bInner, int bColumn, float[] c, int top, int q) {
        FloatVector s0 = FloatVector.zero(FLOATS);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int p = 0, ap = top, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            FloatVector av = FloatVector.fromArray(FLOATS, a, ap);
            s0 = av.fma(FloatVector.broadcast(FLOATS, b[bp]), s0);
            s1 = av.fma(FloatVector.broadcast(FLOATS, b[bp + bColumn]), s1);
            s2 = av.fma(FloatVector.broadcast(FLOATS, b[bp + 2 * bColumn]), s2);
            s3 = av.fma(FloatVector.broadcast(FLOATS, b[bp + 3 * bColumn]), s3);
        }
        s0.intoArray(c, top + q * rows);
        s1.intoArray(c, top + (q + 1) * rows);
        s2.intoArray(c, top + (q + 2) * rows);
        s3.intoArray(c, top + (q + 3) * rows);
    }

    /** One vector of rows from {@code top}, column q. */
    private static void block1(float[] a, int rows, int inner, float[] b, int bInner, int bColumn, float[] c, int top, int q) {
        FloatVector s = FloatVector.zero(FLOATS);
        for (int p = 0, ap = top, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            s = FloatVector.fromArray(FLOATS, a, ap).fma(FloatVector.broadcast(FLOATS, b[bp]), s);
        }
        s.intoArray(c, top + q * rows);
    }

    private static void update(double[] w, double[] nablaW, double decay, double step) {
        for (int i = 0; i < w.length; i++) {
            w[i] = decay * w[i] - step * nablaW[i];
        }
    }

    private static void update(float[] w, float[] nablaW, float decay, float step) {
        for (int i = 0; i < w.length; i++) {
            w[i] = decay * w[i] - step * nablaW[i];
        }
    }
}
