package sparkprop.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import jdk.incubator.vector.DoubleVector;

import org.junit.jupiter.api.Test;

/**
 * The kernel against the definition of the product, (A·B)_jq = Σ_p A_jp B_pq, summed in a plain
 * loop: every shape whose rows and columns leave each kind of tail (whole vector blocks, one
 * vector, single rows; blocks of four columns and single columns), with B read both as a matrix
 * and as a transpose, written and accumulated. The build runs it at this JVM's width, and again at
 * 256 and at 512 bits.
 */
class MatrixProductTest {

    /** One width for both kernels: the one the build asks for, else the CPU's widest (512 bits with AVX-512, else 256). */
    @Test
    void usesTheWidthAskedFor() {
        Integer asked = Integer.getInteger(MatrixProduct.WIDTH_PROPERTY);
        int expected = asked != null ? asked : DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 512 : 256;
        assertEquals(expected, MatrixProduct.VECTOR_BITS);
    }

    @Test
    void equalsThePlainSumForEveryKindOfTail() {
        Random random = new Random(11);
        for (int rows = 1; rows <= 19; rows++) {
            for (int columns = 1; columns <= 11; columns++) {
                for (int inner : new int[] {1, 3, 17}) {
                    double[] a = values(random, rows * inner);
                    double[] b = values(random, inner * columns);
                    double[] c0 = values(random, rows * columns);
                    checkEveryLayout(a, rows, inner, b, columns, c0, false);
                }
            }
        }
    }

    /**
     * Every entry is one chain of fused multiply-adds over the inner index, in order, whichever
     * block computed it (rows in a block of 3 vectors, of 2, of 1, overlapped by the last vector,
     * or alone): bit for bit, so that no blocking or shape changes a result. An inner index of 10,
     * the mini-batch of BP4, takes the blocks of 3 vectors; one of 17 does not.
     */
    @Test
    void everyEntryIsOneFusedChainBitForBit() {
        Random random = new Random(12);
        for (int inner : new int[] {17, 10}) {
            for (int rows : new int[] {1, 3, 4, 5, 6, 7, 10, 13, 24, 27, 30, 100}) {
                for (int columns : new int[] {1, 4, 5, 10, 11}) {
                    double[] a = values(random, rows * inner);
                    double[] b = values(random, inner * columns);
                    double[] c0 = values(random, rows * columns);
                    checkEveryLayout(a, rows, inner, b, columns, c0, true);
                }
            }
        }
    }

    /** B read as a matrix and as a transpose, C written and accumulated into. */
    private static void checkEveryLayout(double[] a, int rows, int inner, double[] b, int columns, double[] c0, boolean fused) {
        // B column-major (inner × columns): strides 1 and inner.
        check(a, rows, inner, b, 1, inner, columns, c0, false, fused);
        check(a, rows, inner, b, 1, inner, columns, c0, true, fused);
        // B the transpose of a column-major columns × inner matrix: strides columns and 1.
        check(a, rows, inner, b, columns, 1, columns, c0, false, fused);
        check(a, rows, inner, b, columns, 1, columns, c0, true, fused);
    }

    /**
     * Every entry of C against its definition summed in a plain loop: within 1e-13, or, when
     * {@code fused}, bit for bit against one {@code Math.fma} chain over the inner index in order.
     */
    private static void check(double[] a, int rows, int inner, double[] b, int bInner, int bColumn, int columns,
                              double[] c0, boolean accumulate, boolean fused) {
        double[] c = c0.clone();
        MatrixProduct.multiply(a, rows, inner, b, bInner, bColumn, columns, c, accumulate);
        for (int j = 0; j < rows; j++) {
            for (int q = 0; q < columns; q++) {
                double expected = accumulate ? c0[j + q * rows] : 0;
                for (int p = 0; p < inner; p++) {
                    double x = a[j + p * rows];
                    double y = b[p * bInner + q * bColumn];
                    expected = fused ? Math.fma(x, y, expected) : expected + x * y;
                }
                String where = rows + "×" + inner + " times " + inner + "×" + columns + ", strides " + bInner + "/" + bColumn
                        + (accumulate ? ", accumulated" : "") + ", entry (" + j + ", " + q + ")";
                assertEquals(expected, c[j + q * rows], fused ? 0.0 : 1e-13, where);
            }
        }
    }

    private static double[] values(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextDouble() - 0.5;
        }
        return values;
    }
}
