package sparkprop.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The float kernel against the definition of the product summed in a plain float loop: every
 * entry bit for bit one chain of {@code Math.fma} over the inner index in order, whichever block
 * (3 vectors for a short inner index, 2, 1, the overlapping last vector, scalar blocks of 2 rows,
 * single rows) computed it; B read as a matrix and as a transpose, C written and accumulated.
 * The vectors have this JVM's width ({@link MatrixProduct#VECTOR_BITS}); the build runs this test
 * again at 256 and at 512 bits. At 16 floats, rows under 16 take the scalar blocks.
 */
class FloatMatrixProductTest {

    @Test
    void everyEntryIsOneFusedFloatChainBitForBit() {
        Random random = new Random(13);
        for (int inner : new int[] {1, 10, 17, 100}) {
            for (int rows : new int[] {1, 3, 7, 8, 9, 10, 15, 16, 17, 24, 30, 31, 32, 47, 48, 50, 100}) {
                for (int columns : new int[] {1, 4, 5, 9, 10, 11}) {
                    float[] a = values(random, rows * inner);
                    float[] b = values(random, inner * columns);
                    float[] c0 = values(random, rows * columns);
                    for (boolean accumulate : new boolean[] {false, true}) {
                        check(a, rows, inner, b, 1, inner, columns, c0, accumulate);
                        check(a, rows, inner, b, columns, 1, columns, c0, accumulate);
                    }
                }
            }
        }
    }

    private static void check(float[] a, int rows, int inner, float[] b, int bInner, int bColumn, int columns, float[] c0,
                              boolean accumulate) {
        float[] c = c0.clone();
        FloatMatrixProduct.multiply(a, rows, inner, b, bInner, bColumn, columns, c, accumulate);
        for (int j = 0; j < rows; j++) {
            for (int q = 0; q < columns; q++) {
                float expected = accumulate ? c0[j + q * rows] : 0f;
                for (int p = 0; p < inner; p++) {
                    expected = Math.fma(a[j + p * rows], b[p * bInner + q * bColumn], expected);
                }
                String where = rows + "×" + inner + " times " + inner + "×" + columns + ", strides " + bInner + "/" + bColumn
                        + (accumulate ? ", accumulated" : "") + ", entry (" + j + ", " + q + ")";
                assertEquals(expected, c[j + q * rows], 0f, where);
            }
        }
    }

    private static float[] values(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        return values;
    }
}
