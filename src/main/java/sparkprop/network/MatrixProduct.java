package sparkprop.network;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one matrix product that carries the arithmetic of training, C = A·B (or C += A·B), written
 * with explicit FMA vectors because no ojalgo product reaches their rate at these shapes
 * (docs/PERFORMANCE.md, "The kernel": ojalgo's {@code fillByMultiplying} stays near 3 GFLOP/s a
 * core for 100×784 times 784×10, where a product that holds its partial sums in registers does
 * several times that).
 *
 * <p>A is column-major, {@code rows × inner}: the weights w (forward pass) or the errors δ (BP4).
 * B is read one scalar at a time, entry (p, q) at {@code b[p·bInnerStride + q·bColumnStride]}, so
 * the same code multiplies by the activations a (column-major: strides 1 and rows of a) and by
 * their transpose aᵀ (strides swapped) without copying either. C is column-major, {@code rows × columns}.
 *
 * <p>Vectors run down the rows of A and C, which are contiguous. A block of 2 vectors × 5 columns
 * of C stays in 10 registers while the inner index runs (so a mini-batch of 10 is two blocks); each
 * step loads two vectors of A, five scalars of B and does ten fused multiply-adds. When the inner
 * index is short (BP4's, the mini-batch), blocks of 3 vectors × 4 columns come first. Every entry of C
 * is the same chain of fused multiply-adds over the inner index, in order, whatever block computes
 * it, so the blocking never changes a result. Rows and columns left over get narrower blocks; the
 * last rows that fill no vector, when C is written rather than added to, one vector that ends at the
 * last row and overlaps rows already done (recomputing them gives the values they have).
 * The vectors are 512 bits wide (8 doubles) on a CPU with AVX-512 and 256 bits (4 doubles)
 * elsewhere: one width for the whole JVM, {@link #VECTOR_BITS}, which {@link FloatMatrixProduct}
 * takes too (docs/PERFORMANCE.md, "512-bit vectors").
 */
public final class MatrixProduct {

    /** A system property that sets both kernels' vector width, 256 or 512 bits, for a benchmark or a test. */
    public static final String WIDTH_PROPERTY = "sparkprop.vectorBits";
    /**
     * The kernels' width, one for the whole JVM: the CPU's widest (512 bits with AVX-512, else 256),
     * or the one {@value #WIDTH_PROPERTY} names. Never two widths of one element type in a JVM:
     * the Vector API's shared methods then profile two vector classes, and C2 leaves the rarer
     * one's vectors as objects (a float product took 13 ms instead of 14 µs).
     */
    public static final int VECTOR_BITS = Integer.getInteger(WIDTH_PROPERTY, DoubleVector.SPECIES_PREFERRED.vectorBitSize()) >= 512 ? 512 : 256;
    /** That width as a shape, from which {@link FloatMatrixProduct} and {@code FmaPeak} take their species. */
    public static final VectorShape SHAPE = VectorShape.forBitSize(VECTOR_BITS);
    private static final VectorSpecies<Double> SPECIES = VectorSpecies.of(double.class, SHAPE);
    private static final int LANES = SPECIES.length();
    /**
     * Inner indexes up to this (BP4's m, 10 in the book) take blocks of 3 vectors × 4 columns: 3
     * loads of A and 4 of B for 12 FMAs, where 2 × 5 takes 7 for 10. With such short chains, the
     * loads and the stores of C weigh more than the FMAs' latency does (docs/PERFORMANCE.md, "The kernel").
     */
    private static final int SHORT_INNER = 16;

    private MatrixProduct() {
    }

    /**
     * C = A·B, or C += A·B when {@code accumulate}.
     *
     * @param a column-major {@code rows × inner}
     * @param b entry (p, q) of B, {@code 0 ≤ p < inner}, {@code 0 ≤ q < columns}, at {@code p·bInnerStride + q·bColumnStride}
     * @param c column-major {@code rows × columns}
     */
    public static void multiply(double[] a, int rows, int inner, double[] b, int bInnerStride, int bColumnStride,
                                int columns, double[] c, boolean accumulate) {
        int j = 0;
        if (inner <= SHORT_INNER) {
            // BP4 (the inner index is the mini-batch): blocks of 3 vectors × 4 columns, twelve
            // accumulators, load fewer numbers per FMA than 2 × 5 where each chain is only m long.
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
            if (q + 4 <= columns) {
                block2x4(a, rows, inner, b, bInnerStride, bColumnStride, c, j, q, accumulate);
                q += 4;
            }
            for (; q < columns; q++) {
                block2x1(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j, q, accumulate);
            }
        }
        for (; j + LANES <= rows; j += LANES) {
            vectorRows(a, rows, inner, b, bInnerStride, bColumnStride, columns, c, j, accumulate);
        }
        if (j < rows && rows >= LANES && !accumulate) {
            // The last rows that fill no vector (28 and 29 of 30, 8 and 9 of 10): one more vector
            // ending at the last row, which computes the rows before them again. Each entry is the
            // same chain from zero, so they get the values they already have.
            vectorRows(a, rows, inner, b, bInnerStride, bColumnStride, columns, c, rows - LANES, false);
            j = rows;
        }
        for (; j < rows; j++) {
            int q = 0;
            for (; q + 4 <= columns; q += 4) {
                scalarRow4(a, rows, inner, b, bInnerStride, bColumnStride, c, j, q, accumulate);
            }
            for (; q < columns; q++) {
                scalarRow(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j, q, accumulate);
            }
        }
    }

    /** Rows j .. j+LANES−1 of C, every column. */
    private static void vectorRows(double[] a, int rows, int inner, double[] b, int bInnerStride, int bColumnStride,
                                   int columns, double[] c, int j, boolean accumulate) {
        int q = 0;
        for (; q + 4 <= columns; q += 4) {
            block1x4(a, rows, inner, b, bInnerStride, bColumnStride, c, j, q, accumulate);
        }
        for (; q < columns; q++) {
            block1x1(a, rows, inner, b, bInnerStride, q * bColumnStride, c, j, q, accumulate);
        }
    }

    /** Entries (j, q) .. (j, q+3) of C, for the rows that fill no vector: one load of A for four products. */
    private static void scalarRow4(double[] a, int rows, int inner, double[] b, int bInner, int bColumn,
                                   double[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        double s0 = accumulate ? c[c0] : 0.0;
        double s1 = accumulate ? c[c0 + rows] : 0.0;
        double s2 = accumulate ? c[c0 + 2 * rows] : 0.0;
        double s3 = accumulate ? c[c0 + 3 * rows] : 0.0;
        int b0 = q * bColumn;
        for (int p = 0, ap = j, bp = b0; p < inner; p++, ap += rows, bp += bInner) {
            double x = a[ap];
            s0 = Math.fma(x, b[bp], s0);
            s1 = Math.fma(x, b[bp + bColumn], s1);
            s2 = Math.fma(x, b[bp + 2 * bColumn], s2);
            s3 = Math.fma(x, b[bp + 3 * bColumn], s3);
        }
        c[c0] = s0;
        c[c0 + rows] = s1;
        c[c0 + 2 * rows] = s2;
        c[c0 + 3 * rows] = s3;
    }

    /** Rows j .. j+2·LANES−1, columns q .. q+4 of C: ten accumulators, so m = 10 is two blocks. */
    private static void block2x5(double[] a, int rows, int inner, double[] b, int bInner, int bColumn,
                                 double[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        int c1 = c0 + rows;
        int c2 = c1 + rows;
        int c3 = c2 + rows;
        int c4 = c3 + rows;
        DoubleVector s00 = start(c, c0, accumulate);
        DoubleVector s10 = start(c, c0 + LANES, accumulate);
        DoubleVector s01 = start(c, c1, accumulate);
        DoubleVector s11 = start(c, c1 + LANES, accumulate);
        DoubleVector s02 = start(c, c2, accumulate);
        DoubleVector s12 = start(c, c2 + LANES, accumulate);
        DoubleVector s03 = start(c, c3, accumulate);
        DoubleVector s13 = start(c, c3 + LANES, accumulate);
        DoubleVector s04 = start(c, c4, accumulate);
        DoubleVector s14 = start(c, c4 + LANES, accumulate);
        int b0 = q * bColumn;
        for (int p = 0, ap = j, bp = b0; p < inner; p++, ap += rows, bp += bInner) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ap);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, ap + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, b[bp]);
            s00 = a0.fma(x, s00);
            s10 = a1.fma(x, s10);
            x = DoubleVector.broadcast(SPECIES, b[bp + bColumn]);
            s01 = a0.fma(x, s01);
            s11 = a1.fma(x, s11);
            x = DoubleVector.broadcast(SPECIES, b[bp + 2 * bColumn]);
            s02 = a0.fma(x, s02);
            s12 = a1.fma(x, s12);
            x = DoubleVector.broadcast(SPECIES, b[bp + 3 * bColumn]);
            s03 = a0.fma(x, s03);
            s13 = a1.fma(x, s13);
            x = DoubleVector.broadcast(SPECIES, b[bp + 4 * bColumn]);
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
    private static void block3x4(double[] a, int rows, int inner, double[] b, int bInner, int bColumn,
                                 double[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        int c1 = c0 + rows;
        int c2 = c1 + rows;
        int c3 = c2 + rows;
        DoubleVector s00 = start(c, c0, accumulate);
        DoubleVector s10 = start(c, c0 + LANES, accumulate);
        DoubleVector s20 = start(c, c0 + 2 * LANES, accumulate);
        DoubleVector s01 = start(c, c1, accumulate);
        DoubleVector s11 = start(c, c1 + LANES, accumulate);
        DoubleVector s21 = start(c, c1 + 2 * LANES, accumulate);
        DoubleVector s02 = start(c, c2, accumulate);
        DoubleVector s12 = start(c, c2 + LANES, accumulate);
        DoubleVector s22 = start(c, c2 + 2 * LANES, accumulate);
        DoubleVector s03 = start(c, c3, accumulate);
        DoubleVector s13 = start(c, c3 + LANES, accumulate);
        DoubleVector s23 = start(c, c3 + 2 * LANES, accumulate);
        int b0 = q * bColumn;
        for (int p = 0, ap = j, bp = b0; p < inner; p++, ap += rows, bp += bInner) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ap);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, ap + LANES);
            DoubleVector a2 = DoubleVector.fromArray(SPECIES, a, ap + 2 * LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, b[bp]);
            s00 = a0.fma(x, s00);
            s10 = a1.fma(x, s10);
            s20 = a2.fma(x, s20);
            x = DoubleVector.broadcast(SPECIES, b[bp + bColumn]);
            s01 = a0.fma(x, s01);
            s11 = a1.fma(x, s11);
            s21 = a2.fma(x, s21);
            x = DoubleVector.broadcast(SPECIES, b[bp + 2 * bColumn]);
            s02 = a0.fma(x, s02);
            s12 = a1.fma(x, s12);
            s22 = a2.fma(x, s22);
            x = DoubleVector.broadcast(SPECIES, b[bp + 3 * bColumn]);
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

    /** Rows j .. j+2·LANES−1, columns q .. q+3 of C. */
    private static void block2x4(double[] a, int rows, int inner, double[] b, int bInner, int bColumn,
                                 double[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        int c1 = c0 + rows;
        int c2 = c1 + rows;
        int c3 = c2 + rows;
        DoubleVector s00 = start(c, c0, accumulate);
        DoubleVector s10 = start(c, c0 + LANES, accumulate);
        DoubleVector s01 = start(c, c1, accumulate);
        DoubleVector s11 = start(c, c1 + LANES, accumulate);
        DoubleVector s02 = start(c, c2, accumulate);
        DoubleVector s12 = start(c, c2 + LANES, accumulate);
        DoubleVector s03 = start(c, c3, accumulate);
        DoubleVector s13 = start(c, c3 + LANES, accumulate);
        int b0 = q * bColumn;
        int b1 = b0 + bColumn;
        int b2 = b1 + bColumn;
        int b3 = b2 + bColumn;
        for (int p = 0, ap = j, bp = 0; p < inner; p++, ap += rows, bp += bInner) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ap);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, ap + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, b[b0 + bp]);
            s00 = a0.fma(x, s00);
            s10 = a1.fma(x, s10);
            x = DoubleVector.broadcast(SPECIES, b[b1 + bp]);
            s01 = a0.fma(x, s01);
            s11 = a1.fma(x, s11);
            x = DoubleVector.broadcast(SPECIES, b[b2 + bp]);
            s02 = a0.fma(x, s02);
            s12 = a1.fma(x, s12);
            x = DoubleVector.broadcast(SPECIES, b[b3 + bp]);
            s03 = a0.fma(x, s03);
            s13 = a1.fma(x, s13);
        }
        s00.intoArray(c, c0);
        s10.intoArray(c, c0 + LANES);
        s01.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s02.intoArray(c, c2);
        s12.intoArray(c, c2 + LANES);
        s03.intoArray(c, c3);
        s13.intoArray(c, c3 + LANES);
    }

    /** Rows j .. j+2·LANES−1 of column q of C; B's column q starts at {@code bq}. */
    private static void block2x1(double[] a, int rows, int inner, double[] b, int bInner, int bq,
                                 double[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        DoubleVector s0 = start(c, c0, accumulate);
        DoubleVector s1 = start(c, c0 + LANES, accumulate);
        for (int p = 0, ap = j, bp = bq; p < inner; p++, ap += rows, bp += bInner) {
            DoubleVector x = DoubleVector.broadcast(SPECIES, b[bp]);
            s0 = DoubleVector.fromArray(SPECIES, a, ap).fma(x, s0);
            s1 = DoubleVector.fromArray(SPECIES, a, ap + LANES).fma(x, s1);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + LANES);
    }

    /** Rows j .. j+LANES−1, columns q .. q+3 of C. */
    private static void block1x4(double[] a, int rows, int inner, double[] b, int bInner, int bColumn,
                                 double[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        int c1 = c0 + rows;
        int c2 = c1 + rows;
        int c3 = c2 + rows;
        DoubleVector s0 = start(c, c0, accumulate);
        DoubleVector s1 = start(c, c1, accumulate);
        DoubleVector s2 = start(c, c2, accumulate);
        DoubleVector s3 = start(c, c3, accumulate);
        int b0 = q * bColumn;
        int b1 = b0 + bColumn;
        int b2 = b1 + bColumn;
        int b3 = b2 + bColumn;
        for (int p = 0, ap = j, bp = 0; p < inner; p++, ap += rows, bp += bInner) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ap);
            s0 = a0.fma(DoubleVector.broadcast(SPECIES, b[b0 + bp]), s0);
            s1 = a0.fma(DoubleVector.broadcast(SPECIES, b[b1 + bp]), s1);
            s2 = a0.fma(DoubleVector.broadcast(SPECIES, b[b2 + bp]), s2);
            s3 = a0.fma(DoubleVector.broadcast(SPECIES, b[b3 + bp]), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
    }

    /** Rows j .. j+LANES−1 of column q of C. */
    private static void block1x1(double[] a, int rows, int inner, double[] b, int bInner, int bq,
                                 double[] c, int j, int q, boolean accumulate) {
        int c0 = j + q * rows;
        DoubleVector s = start(c, c0, accumulate);
        for (int p = 0, ap = j, bp = bq; p < inner; p++, ap += rows, bp += bInner) {
            s = DoubleVector.fromArray(SPECIES, a, ap).fma(DoubleVector.broadcast(SPECIES, b[bp]), s);
        }
        s.intoArray(c, c0);
    }

    /** Entry (j, q) of C, for the rows that fill no vector. */
    private static void scalarRow(double[] a, int rows, int inner, double[] b, int bInner, int bq,
                                  double[] c, int j, int q, boolean accumulate) {
        double sum = accumulate ? c[j + q * rows] : 0.0;
        for (int p = 0, ap = j, bp = bq; p < inner; p++, ap += rows, bp += bInner) {
            sum = Math.fma(a[ap], b[bp], sum);
        }
        c[j + q * rows] = sum;
    }

    private static DoubleVector start(double[] c, int at, boolean accumulate) {
        return accumulate ? DoubleVector.fromArray(SPECIES, c, at) : DoubleVector.zero(SPECIES);
    }
}
