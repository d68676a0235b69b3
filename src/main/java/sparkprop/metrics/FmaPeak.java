package sparkprop.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import sparkprop.network.MatrixProduct;

/**
 * The machine's double-precision peak as this JVM reaches it: threads doing nothing but fused
 * multiply-adds on vectors held in registers, no memory traffic. It is the yardstick the benchmark
 * divides the kernel's GFLOP/s by (submit/bench prints both), measured rather than taken from a
 * data sheet: the clock of a shared virtual machine is not known, and what counts is what the JIT
 * makes of {@code DoubleVector.fma} here.
 *
 * <p>Each round does one FMA on each of {@link #CHAINS} independent accumulators, so the loop is
 * bound by the FMA units' throughput, not by one chain's latency (an FMA takes 4 or 5 cycles and a
 * core has 2 units: 8 to 10 chains keep them busy). Every accumulator starts at 0 and adds 1·1 per
 * round, so after n rounds each lane holds n exactly: {@link #sum} lets a test check the arithmetic
 * the probe times.
 */
public final class FmaPeak {

    /**
     * The kernel's vectors ({@link MatrixProduct#VECTOR_BITS}). A constant: the JIT turns vector
     * operations into instructions only for a species it knows when compiling.
     */
    static final VectorSpecies<Double> SPECIES = VectorSpecies.of(double.class, MatrixProduct.SHAPE);
    /** Independent accumulator chains per thread: more than an FMA's latency times the FMA units. */
    static final int CHAINS = 12;

    private FmaPeak() {
    }

    /**
     * The best of three measurements: total GFLOP/s of {@code threads} threads at once, each doing
     * FMAs on the kernel's vectors for about {@code seconds}. A peak is the most the machine gives;
     * on a shared machine a measurement can only fall short of it, so the best one is kept.
     */
    public static double gflops(int threads, double seconds) {
        long rounds = roundsFor(seconds);
        double best = 0;
        for (int trial = 0; trial < 3; trial++) {
            best = Math.max(best, measure(threads, rounds));
        }
        return best;
    }

    private static double measure(int threads, long rounds) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Double>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(() -> sum(rounds));
            }
            long start = System.nanoTime();
            for (Future<Double> done : pool.invokeAll(work)) {
                done.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return flops(rounds) * threads / elapsed / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the FMA peak", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the FMA peak's measurement failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The width of the vectors measured, the kernel's. */
    public static int bits() {
        return SPECIES.vectorBitSize();
    }

    /** The widest double vectors this CPU has, as the JVM sees it (256 on AVX2, 512 on AVX-512). */
    public static int preferredBits() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /**
     * Rounds that take about {@code seconds} on one thread. The loop runs for 0.3 s first, so that
     * the JIT has compiled it (until then its vectors are objects, a hundred times slower).
     */
    private static long roundsFor(double seconds) {
        long warmUpEnd = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            sum(100_000);
        }
        long rounds = 100_000;
        double elapsed = 0;
        while (elapsed < 0.05) {
            rounds *= 2;
            long start = System.nanoTime();
            sum(rounds);
            elapsed = (System.nanoTime() - start) / 1e9;
        }
        return Math.max(1, (long) (rounds * seconds / elapsed));
    }

    /** FLOPs of {@code rounds} rounds: 2 per lane per FMA. */
    static double flops(long rounds) {
        return 2.0 * SPECIES.length() * CHAINS * rounds;
    }

    /** Runs {@code rounds} rounds and returns the sum of every lane of every accumulator: CHAINS · lanes · rounds. */
    static double sum(long rounds) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        DoubleVector s4 = s0;
        DoubleVector s5 = s0;
        DoubleVector s6 = s0;
        DoubleVector s7 = s0;
        DoubleVector s8 = s0;
        DoubleVector s9 = s0;
        DoubleVector s10 = s0;
        DoubleVector s11 = s0;
        for (long r = 0; r < rounds; r++) {
            s0 = one.fma(one, s0);
            s1 = one.fma(one, s1);
            s2 = one.fma(one, s2);
            s3 = one.fma(one, s3);
            s4 = one.fma(one, s4);
            s5 = one.fma(one, s5);
            s6 = one.fma(one, s6);
            s7 = one.fma(one, s7);
            s8 = one.fma(one, s8);
            s9 = one.fma(one, s9);
            s10 = one.fma(one, s10);
            s11 = one.fma(one, s11);
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11).reduceLanes(VectorOperators.ADD);
    }
}
