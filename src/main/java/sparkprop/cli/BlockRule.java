package sparkprop.cli;

import java.util.Locale;

import sparkprop.training.BlockUpdate;

/**
 * One way of running local SGD on P partitions, for the partitions benchmark: the steps each
 * partition takes between synchronizations (K fixed, or a total of S steps shared by the P
 * partitions, K = S/P, so that a block covers the same samples whatever P), the block momentum
 * (fixed, or Chen and Huo's 1 − 1/P) and the block learning rate.
 *
 * @param syncEvery       K, or S/P: as {@code --sync-every} takes it
 * @param momentum        μ_b, or NaN for 1 − 1/P
 * @param learningRate    ζ
 * @param lookAhead       whether each block starts from the Nesterov look-ahead
 * @param warmUpSteps     the run's first blocks of one step each
 */
record BlockRule(String name, SyncEvery syncEvery, double momentum, double learningRate, boolean lookAhead, int warmUpSteps) {

    /**
     * Parses "K=500 mu=1-1/P lr=1" (K fixed), "K=1000/P ..." (K = 1000/P, at least 1), "mu=0.9";
     * "nesterov=off", "warm=100"; missing parts: K=500, mu=1-1/P, lr=1, nesterov=on, warm=0.
     */
    static BlockRule parse(String text) {
        SyncEvery syncEvery = new SyncEvery(500, false);
        double momentum = Double.NaN;
        double learningRate = 1;
        boolean lookAhead = true;
        int warmUp = 0;
        for (String part : text.trim().split("\\s+")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("block rule '" + text + "': expected parts such as K=500, K=1000/P, mu=1-1/P, mu=0.9, lr=1,"
                        + " found '" + part + "'");
            }
            switch (kv[0]) {
                case "K" -> {
                    syncEvery = SyncEvery.parse(kv[1]);
                    if (syncEvery == null) {
                        throw new IllegalArgumentException("block rule '" + text + "': expected K=500 or K=1000/P, found '" + part + "'");
                    }
                }
                case "mu" -> momentum = kv[1].equals("1-1/P") ? Double.NaN : Double.parseDouble(kv[1]);
                case "lr" -> learningRate = Double.parseDouble(kv[1]);
                case "nesterov" -> lookAhead = !kv[1].equals("off");
                case "warm" -> warmUp = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("block rule '" + text + "': expected K, mu, lr, nesterov or warm, found '" + kv[0] + "'");
            }
        }
        String name = "K=" + syncEvery.optionValue() + " mu=" + (Double.isNaN(momentum) ? "1-1/P" : String.valueOf(momentum))
                + (learningRate == 1 ? "" : " lr=" + learningRate) + (lookAhead ? "" : " nesterov=off")
                + (warmUp == 0 ? "" : " warm=" + warmUp);
        return new BlockRule(name, syncEvery, momentum, learningRate, lookAhead, warmUp);
    }

    int syncEvery(int partitions) {
        return syncEvery.perPartition(partitions);
    }

    BlockUpdate update(int partitions) {
        return new BlockUpdate(learningRate, Double.isNaN(momentum) ? 1 - 1.0 / partitions : momentum, lookAhead);
    }
}
