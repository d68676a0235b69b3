package sparkprop.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import sparkprop.metrics.EpochResult;
import sparkprop.network.Network;
import sparkprop.network.Velocity;

/**
 * Saves a checkpoint at the end of every epoch, once the validation plan has decided on it: the
 * network being trained, the run's configuration, all results so far and the plan's state.
 */
public final class Checkpointer implements TrainingListener {

    private static final Logger LOG = LogManager.getLogger("sparkprop");

    private final CheckpointDirectory directory;
    private final Network network;
    private final Velocity velocity;
    private final Map<String, String> configuration;
    private final List<EpochResult> results;

    /**
     * @param network  the network being trained, read at the end of each epoch
     * @param velocity its velocities, changed in place by the trainer
     * @param earlier  the results of the epochs before this run (a resumed run), kept in every checkpoint
     */
    public Checkpointer(CheckpointDirectory directory, Network network, Velocity velocity, Map<String, String> configuration,
                        List<EpochResult> earlier) {
        this.directory = directory;
        this.network = network;
        this.velocity = velocity;
        this.configuration = configuration;
        this.results = new ArrayList<>(earlier);
    }

    @Override
    public void epochEnded(EpochResult result, ValidationPlan.State plan) {
        results.add(result);
        LOG.info("checkpoint: {}", directory.write(new Checkpoint(result.epoch(), network, velocity, configuration, List.copyOf(results), plan)));
    }
}
