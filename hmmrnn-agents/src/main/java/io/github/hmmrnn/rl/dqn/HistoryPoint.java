package io.github.hmmrnn.rl.dqn;

/**
 * One row of the training curve, recorded every evaluation interval.
 *
 * @param trials           trials experienced so far
 * @param envSteps         environment steps so far
 * @param updates          gradient updates so far
 * @param epsilon          exploration rate at the end of the interval
 * @param behaviourAccuracy fraction of correct trials in the interval (with exploration)
 * @param greedyAccuracy   greedy accuracy on fresh evaluation trials
 * @param meanLoss         mean Huber TD loss per step over the interval's updates (0 before learning starts)
 * @param deltaQ           mean normalised replay discrepancy &Delta;Q of the interval's batches
 * @param wallSeconds      wall time since training began
 */
public record HistoryPoint(long trials, long envSteps, long updates, double epsilon, double behaviourAccuracy,
                           double greedyAccuracy, double meanLoss, double deltaQ, double wallSeconds) {
}
