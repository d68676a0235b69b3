package sparkprop.network;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MatrixProduct} in single precision, for {@code --precision float32}: the same layouts
 * (A column-major, B read through two strides, C column-major), the same register blocks, and the
 * same rule that every entry of C is one chain of fused multiply-adds over the inner index in
 * order. A 256-bit vector holds 8 floats instead of 4 doubles, so each FMA does twice the work;
 * where the CPU has AVX-512, a 512-bit vector holds 16, and the 100 × 784 products of a [784,100,10]
 * step ran about 1.4× faster in them (docs/PERFORMANCE.md, "512-bit vectors"). Layers of fewer
 * rows than a vector, the 10 outputs in 16-float vectors, take scalar blocks of ten chains.
 *
 * <p>Why a second class rather than one generic one: Java has no generics over {@code float} and
 * {@code double}, and each block must be a small method of its own. C2 compiles a method for the
 * loop lengths it first sees; with every block in one method, the float loops were left in a form
 * at half their speed in 5 of 8 JVMs, and BP4's short inner index needs its own block
 * (docs/PERFORMANCE.md, "Would single precision pay?"). The shapes kept are the ones the book's
 * networks reach: 2 vectors × 5 columns for the forward pass, 3 × 4 for BP4's inner index of m,
 * and one-vector, one-column and scalar blocks for what is left over.
 */
public final class FloatMatrixProduct {

    /** {@link MatrixProduct}'s width: one for the whole JVM, 16 floats to a vector with AVX-512, else 8. */
    private static final VectorSpecies<Float> SPECIES = VectorSpecies.of(float.class, MatrixProduct.SHAPE);
    private static final int LANES = SPECIES.length();
    /** As in {@link MatrixProduct}: inner indexes up to this (BP4's m) take blocks of 3 vectors × 4 columns. */
    private static final int SHORT_INNER = 16;

    private FloatMatrixProduct() {
    }

    /**
     * C = A·B, or C += A·B when {@code accumulate}.
     *
     * @param a column-major {@code rows × inner}
     * @param b entry (p, q) of B, {@code 0 ≤ p < inner}, {@code 0 ≤ q < columns}, at {@code p·bInnerStride + q·bColumnStride}
     * @param c column-major {@code rows × columns}
     */
    public static void multiply(float[] a, int rows, int inner, float[] b, int bInnerStride, int bColumnStride,
                                int columns, float[] c, boolean accumulate) {
        int j = 0;
        if (inner <= SHORT_INNER) {
            for (; j + 3 * LANES <= rows; j += 3 * LANES) {
                int q = 0;
                for (; q + 4 <= columns; q += 4) {
                    block3x4(a, rows, inner, b, bInnerStride, bColumnStride, c, j, q, accumulate);
                }
                for (; q < columns; q++) {
                    block2x1(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j, q, accumulate);
                    block1x1(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j + 2 * LANES, q, accumulate);
                }
            }
        }
        for (; j + 2 * LANES <= rows; j += 2 * LANES) {
            int q = 0;
            for (; q + 5 <= columns; q += 5) {
                block2x5(a, rows, inner, b, bInnerStride, bColumnStride, c, j, q, accumulate);
            }
            for (; q < columns; q++) {
                block2x1(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j, q, accumulate);
            }
        }
        for (; j + LANES <= rows; j += LANES) {
            vectorRows(a, rows, inner, b, bInnerStride, bColumnStride, columns, c, j, accumulate);
        }
        if (j < rows && rows >= LANES && !accumulate) {
            // One more vector ending at the last row; the rows it computes again get the values they have.
            vectorRows(a, rows, inner, b, bInnerStride, bColumnStride, columns, c, rows - LANES, false);
            j = rows;
        }
        for (; j + 2 <= rows; j += 2) {
            int q = 0;
            for (; q + 5 <= columns; q += 5) {
                scalarBlock2x5(a, rows, inner, b, bInnerStride, bColumnStride, c, j, q, accumulate);
            }
            for (; q < columns; q++) {
                scalarRow(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j, q, accumulate);
                scalarRow(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j + 1, q, accumulate);
            }
        }
        for (; j < rows; j++) {
            for (int q = 0; q < columns; q++) {
                scalarRow(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j, q, accumulate);
            }
        }
    }

    /** Rows j .. j+LANES−1 of C, every column. */
    private static void vectorRows(float[] a, int rows, int inner, float[] b, int bInnerStride, int bColumnStride,
                                   int columns, float[] c, int j, boolean accumulate) {
        int q = 0;
        for (; q + 4 <= columns; q += 4) {
            block1x4(a, rows, inner, b, bInnerStride, bColumnStride, c, j, q, accumulate);
        }
        for (; q < columns; q++) {
            block1x1(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j, q, accumulate);
        }
    }

    /** Rows j .. j+2·LANES−1, columns q .. q+4 of C: ten accumulators. */
    private static void block2x5(float[] a, int rows, int inner, float[] b, int bInner, int bColumn,
                                 float[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        int c1 = c0 + rows;
        int c2 = c1 + rows;
        int c3 = c2 + rows;
        int c4 = c3 + rows;
        FloatVector s00 = start(c, c0, accumulate);
        FloatVector s10 = start(c, c0 + LANES, accumulate);
        FloatVector s01 = start(c, c1, accumulate);
        FloatVector s11 = start(c, c1 + LANES, accumulate);
        FloatVector s02 = start(c, c2, accumulate);
        FloatVector s12 = start(c, c2 + LANES, accumulate);
        FloatVector s03 = start(c, c3, accumulate);
        FloatVector s13 = start(c, c3 + LANES, accumulate);
        FloatVector s04 = start(c, c4, accumulate);
        FloatVector s14 = start(c, c4 + LANES, accumulate);
        for (int p = 0, ap = j, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, a, ap);
            FloatVector a1 = FloatVector.fromArray(SPECIES, a, ap + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, b[bp]);
            s00 = a0.fma(x, s00);
            s10 = a1.fma(x, s10);
            x = FloatVector.broadcast(SPECIES, b[bp + bColumn]);
            s01 = a0.fma(x, s01);
            s11 = a1.fma(x, s11);
            x = FloatVector.broadcast(SPECIES, b[bp + 2 * bColumn]);
            s02 = a0.fma(x, s02);
            s12 = a1.fma(x, s12);
            x = FloatVector.broadcast(SPECIES, b[bp + 3 * bColumn]);
            s03 = a0.fma(x, s03);
            s13 = a1.fma(x, s13);
            x = FloatVector.broadcast(SPECIES, b[bp + 4 * bColumn]);
            s04 = a0.fma(x, s04);
            s14 = a1.fma(x, s14);
        }
        s00.intoArray(c, c0);
        s10.intoArray(c, c0 + LANES);
        s01.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s02.intoArray(c, c2);
        s12.intoArray(c, c2 + LANES);
        s03.intoArray(c, c3);
        s13.intoArray(c, c3 + LANES);
        s04.intoArray(c, c4);
        s14.intoArray(c, c4 + LANES);
    }

    /** Rows j .. j+3·LANES−1, columns q .. q+3 of C: twelve accumulators, for BP4's short inner index. */
    private static void block3x4(float[] a, int rows, int inner, float[] b, int bInner, int bColumn,
                                 float[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        int c1 = c0 + rows;
        int c2 = c1 + rows;
        int c3 = c2 + rows;
        FloatVector s00 = start(c, c0, accumulate);
        FloatVector s10 = start(c, c0 + LANES, accumulate);
        FloatVector s20 = start(c, c0 + 2 * LANES, accumulate);
        FloatVector s01 = start(c, c1, accumulate);
        FloatVector s11 = start(c, c1 + LANES, accumulate);
        FloatVector s21 = start(c, c1 + 2 * LANES, accumulate);
        FloatVector s02 = start(c, c2, accumulate);
        FloatVector s12 = start(c, c2 + LANES, accumulate);
        FloatVector s22 = start(c, c2 + 2 * LANES, accumulate);
        FloatVector s03 = start(c, c3, accumulate);
        FloatVector s13 = start(c, c3 + LANES, accumulate);
        FloatVector s23 = start(c, c3 + 2 * LANES, accumulate);
        for (int p = 0, ap = j, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, a, ap);
            FloatVector a1 = FloatVector.fromArray(SPECIES, a, ap + LANES);
            FloatVector a2 = FloatVector.fromArray(SPECIES, a, ap + 2 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, b[bp]);
            s00 = a0.fma(x, s00);
            s10 = a1.fma(x, s10);
            s20 = a2.fma(x, s20);
            x = FloatVector.broadcast(SPECIES, b[bp + bColumn]);
            s01 = a0.fma(x, s01);
            s11 = a1.fma(x, s11);
            s21 = a2.fma(x, s21);
            x = FloatVector.broadcast(SPECIES, b[bp + 2 * bColumn]);
            s02 = a0.fma(x, s02);
            s12 = a1.fma(x, s12);
            s22 = a2.fma(x, s22);
            x = FloatVector.broadcast(SPECIES, b[bp + 3 * bColumn]);
            s03 = a0.fma(x, s03);
            s13 = a1.fma(x, s13);
            s23 = a2.fma(x, s23);
        }
        s00.intoArray(c, c0);
        s10.intoArray(c, c0 + LANES);
        s20.intoArray(c, c0 + 2 * LANES);
        s01.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s21.intoArray(c, c1 + 2 * LANES);
        s02.intoArray(c, c2);
        s12.intoArray(c, c2 + LANES);
        s22.intoArray(c, c2 + 2 * LANES);
        s03.intoArray(c, c3);
        s13.intoArray(c, c3 + LANES);
        s23.intoArray(c, c3 + 2 * LANES);
    }

    /** Rows j .. j+2·LANES−1 of column q of C; B's column q starts at {@code bq}. */
    private static void block2x1(float[] a, int rows, int inner, float[] b, int bInner, int bq,
                                 float[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        FloatVector s0 = start(c, c0, accumulate);
        FloatVector s1 = start(c, c0 + LANES, accumulate);
        for (int p = 0, ap = j, bp = bq; p < inner; p++, ap += rows, bp += bInner) {
            FloatVector x = FloatVector.broadcast(SPECIES, b[bp]);
            s0 = FloatVector.fromArray(SPECIES, a, ap).fma(x, s0);
            s1 = FloatVector.fromArray(SPECIES, a, ap + LANES).fma(x, s1);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + LANES);
    }

    /** Rows j .. j+LANES−1, columns q .. q+3 of C. */
    private static void block1x4(float[] a, int rows, int inner, float[] b, int bInner, int bColumn,
                                 float[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        int c1 = c0 + rows;
        int c2 = c1 + rows;
        int c3 = c2 + rows;
        FloatVector s0 = start(c, c0, accumulate);
        FloatVector s1 = start(c, c1, accumulate);
        FloatVector s2 = start(c, c2, accumulate);
        FloatVector s3 = start(c, c3, accumulate);
        for (int p = 0, ap = j, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, a, ap);
            s0 = a0.fma(FloatVector.broadcast(SPECIES, b[bp]), s0);
            s1 = a0.fma(FloatVector.broadcast(SPECIES, b[bp + bColumn]), s1);
            s2 = a0.fma(FloatVector.broadcast(SPECIES, b[bp + 2 * bColumn]), s2);
            s3 = a0.fma(FloatVector.broadcast(SPECIES, b[bp + 3 * bColumn]), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
    }

    /** Rows j .. j+LANES−1 of column q of C. */
    private static void block1x1(float[] a, int rows, int inner, float[] b, int bInner, int bq,
                                 float[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        FloatVector s = start(c, c0, accumulate);
        for (int p = 0, ap = j, bp = bq; p < inner; p++, ap += rows, bp += bInner) {
            s = FloatVector.fromArray(SPECIES, a, ap).fma(FloatVector.broadcast(SPECIES, b[bp]), s);
        }
        s.intoArray(c, c0);
    }

    /**
     * Rows j, j+1 and columns q .. q+4 of C in scalars, for the rows that fill no vector: the output
     * layer's 10 rows in 16-float vectors. Ten independent chains, as in {@link #block2x5}, where one
     * alone would wait on each FMA's latency.
     */
    private static void scalarBlock2x5(float[] a, int rows, int inner, float[] b, int bInner, int bColumn,
                                       float[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        int c1 = c0 + rows;
        int c2 = c1 + rows;
        int c3 = c2 + rows;
        int c4 = c3 + rows;
        float s00 = accumulate ? c[c0] : 0f;
        float s10 = accumulate ? c[c0 + 1] : 0f;
        float s01 = accumulate ? c[c1] : 0f;
        float s11 = accumulate ? c[c1 + 1] : 0f;
        float s02 = accumulate ? c[c2] : 0f;
        float s12 = accumulate ? c[c2 + 1] : 0f;
        float s03 = accumulate ? c[c3] : 0f;
        float s13 = accumulate ? c[c3 + 1] : 0f;
        float s04 = accumulate ? c[c4] : 0f;
        float s14 = accumulate ? c[c4 + 1] : 0f;
        for (int p = 0, ap = j, bp = q * bColumn; p < inner; p++, ap += rows, bp += bInner) {
            float a0 = a[ap];
            float a1 = a[ap + 1];
            float x = b[bp];
            s00 = Math.fma(a0, x, s00);
            s10 = Math.fma(a1, x, s10);
            x = b[bp + bColumn];
            s01 = Math.fma(a0, x, s01);
            s11 = Math.fma(a1, x, s11);
            x = b[bp + 2 * bColumn];
            s02 = Math.fma(a0, x, s02);
            s12 = Math.fma(a1, x, s12);
            x = b[bp + 3 * bColumn];
            s03 = Math.fma(a0, x, s03);
            s13 = Math.fma(a1, x, s13);
            x = b[bp + 4 * bColumn];
            s04 = Math.fma(a0, x, s04);
            s14 = Math.fma(a1, x, s14);
        }
        c[c0] = s00;
        c[c0 + 1] = s10;
        c[c1] = s01;
        c[c1 + 1] = s11;
        c[c2] = s02;
        c[c2 + 1] = s12;
        c[c3] = s03;
        c[c3 + 1] = s13;
        c[c4] = s04;
        c[c4 + 1] = s14;
    }

    /** Entry (j, q) of C, for the rows that fill no vector. */
    private static void scalarRow(float[] a, int rows, int inner, float[] b, int bInner, int bq,
                                  float[] c, int j, int q, boolean accumulate) {
        float sum = accumulate ? c[j + q * rows] : 0f;
        for (int p = 0, ap = j, bp = bq; p < inner; p++, ap += rows, bp += bInner) {
            sum = Math.fma(a[ap], b[bp], sum);
        }
        c[j + q * rows] = sum;
    }

    private static FloatVector start(float[] c, int at, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, at) : FloatVector.zero(SPECIES);
    }
}
