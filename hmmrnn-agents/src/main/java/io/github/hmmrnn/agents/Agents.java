package io.github.hmmrnn.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in agent catalogue: every agent of MixtureAgentsModels (Venditto et al.) for the
 * two-step task and the original Python project's four agents, by factory method or by name.
 *
 * <p>Notation (after trial t): c the choice, c̄ the other choice, o the port reached, r the reward
 * coded ±1 (data 0/1 → −1/+1), s(c) = +1 for right, −1 for left. "target" = c if the transition
 * was common, else c̄ (the choice that commonly leads to the port reached). Each agent's value is
 * x = Q[right] − Q[left]. Agents with a learning rate α follow x ← (1−α)x + g·u with g = α
 * (plain) or 1 ("B" forms) and start each session at x = 0 (all Julia initial values are equal
 * across choices). Default learning-rate priors are Beta(1,1) (flat), Beta(2,2) for TD agents.
 */
public final class Agents {

    private static final Pattern LAGGED = Pattern.compile("(?i)(choice|reward|cr|ur|co|uo)\\((\\d+)\\)");

    /** Parameter-free canonical names accepted by {@link #parse}, plus lag forms. */
    private static final List<String> NAMES = List.of(
            "MBreward", "MBrewardB", "MBchoice", "MBchoiceB", "MFreward", "MFrewardB", "MFchoice",
            "MFchoiceB", "MBbellman", "MBbellmanB", "TD0", "TD1", "TD1B", "NoveltyPref", "Persev",
            "Bias", "Intercept", "Gambler", "GamblerB", "MFrewardDecay", "MFchoiceDecay", "MBstate");

    private Agents() {
    }

    private static AgentParameter alpha() {
        return AgentParameter.fitted("alpha", 0.5);
    }

    /** @return model-based reward: u = r·s(target), g = α */
    public static Agent mbReward() {
        return new DecayAgent("MBreward", Agents::mbRewardInput, DecayAgent.Gain.ALPHA, 0, false, alpha());
    }

    /** @return model-based reward, "B" form: u = r·s(target), g = 1 */
    public static Agent mbRewardB() {
        return new DecayAgent("MBrewardB", Agents::mbRewardInput, DecayAgent.Gain.ONE, 0, false, alpha());
    }

    /** @return model-based choice (transition-dependent perseveration): u = s(target), g = α */
    public static Agent mbChoice() {
        return new DecayAgent("MBchoice", Agents::mbChoiceInput, DecayAgent.Gain.ALPHA, 0, false, alpha());
    }

    /** @return model-based choice, "B" form: u = s(target), g = 1 */
    public static Agent mbChoiceB() {
        return new DecayAgent("MBchoiceB", Agents::mbChoiceInput, DecayAgent.Gain.ONE, 0, false, alpha());
    }

    /** @return model-free reward: u = r·s(c), g = α */
    public static Agent mfReward() {
        return new DecayAgent("MFreward", Agents::mfRewardInput, DecayAgent.Gain.ALPHA, 0, false, alpha());
    }

    /** @return model-free reward, "B" form: u = r·s(c), g = 1 */
    public static Agent mfRewardB() {
        return new DecayAgent("MFrewardB", Agents::mfRewardInput, DecayAgent.Gain.ONE, 0, false, alpha());
    }

    /** @return model-free choice (perseveration with decay): u = s(c), g = α */
    public static Agent mfChoice() {
        return new DecayAgent("MFchoice", Agents::mfChoiceInput, DecayAgent.Gain.ALPHA, 0, false, alpha());
    }

    /** @return model-free choice, "B" form: u = s(c), g = 1 */
    public static Agent mfChoiceB() {
        return new DecayAgent("MFchoiceB", Agents::mfChoiceInput, DecayAgent.Gain.ONE, 0, false, alpha());
    }

    /**
     * Model-based Bellman agent: port values P ← (1−α)P, P[o] += α·r, and choice values
     * Q[c] = p·P[congruent port of c] + (1−p)·P[other], p = the subject's p_congruent, so
     * x = (2p−1)·(P[1] − P[0]).
     *
     * @return the agent
     */
    public static Agent mbBellman() {
        return new DecayAgent("MBbellman", Agents::bellmanInput, DecayAgent.Gain.ALPHA, 0, true, alpha());
    }

    /** @return the Bellman agent's "B" form (P[o] += r) */
    public static Agent mbBellmanB() {
        return new DecayAgent("MBbellmanB", Agents::bellmanInput, DecayAgent.Gain.ONE, 0, true, alpha());
    }

    /**
     * TD(0): choice values learn from the (old) value of the port reached, discounted by γ;
     * port values learn from reward. Priors α ~ Beta(2,2), γ ~ Beta(1,1).
     *
     * @return the agent
     */
    public static Agent td0() {
        return new TdZeroAgent(new AgentParameter("alpha", 0.5, true, new BetaPrior(2, 2)),
                AgentParameter.fitted("gamma", 0.5));
    }

    /** @return TD(1): {@link #mfReward()} with prior α ~ Beta(2,2) */
    public static Agent td1() {
        return new DecayAgent("TD1", Agents::mfRewardInput, DecayAgent.Gain.ALPHA, 0, false,
                new AgentParameter("alpha", 0.5, true, new BetaPrior(2, 2)));
    }

    /** @return TD(1) "B" form: {@link #mfRewardB()} with prior α ~ Beta(2,2) */
    public static Agent td1B() {
        return new DecayAgent("TD1B", Agents::mfRewardInput, DecayAgent.Gain.ONE, 0, false,
                new AgentParameter("alpha", 0.5, true, new BetaPrior(2, 2)));
    }

    /** @return novelty preference: x = s(c) after a common transition, −s(c) after a rare one; 0 at session start */
    public static Agent noveltyPref() {
        return new StatelessAgent(StatelessAgent.Kind.NOVELTY_PREF, "NoveltyPref");
    }

    /** @return perseveration: x = s(previous choice); 0 at session start */
    public static Agent persev() {
        return new StatelessAgent(StatelessAgent.Kind.PERSEV, "Persev");
    }

    /** @return side bias: x ≡ 2 (Julia's scale; positive β = rightward bias) */
    public static Agent bias() {
        return new StatelessAgent(StatelessAgent.Kind.BIAS, "Bias");
    }

    /** @return intercept: x = 1 on a session's first trial, 2 afterwards (as the Julia code does) */
    public static Agent intercept() {
        return new StatelessAgent(StatelessAgent.Kind.INTERCEPT, "Intercept");
    }

    /** @return gambler's fallacy: u = (1−r)·s(c) (2·s(c) after an omission, 0 after a reward), g = α */
    public static Agent gambler() {
        return new DecayAgent("Gambler", Agents::gamblerInput, DecayAgent.Gain.ALPHA, 0, false, alpha());
    }

    /** @return identical to {@link #gambler()} (as in the Julia code), under the name GamblerB */
    public static Agent gamblerB() {
        return new DecayAgent("GamblerB", Agents::gamblerInput, DecayAgent.Gain.ALPHA, 0, false, alpha());
    }

    /**
     * @param lag n ≥ 1
     * @return Choice(n): x_t = s(c_{t−n}), 0 if trial t−n precedes the session
     */
    public static Agent choiceLag(int lag) {
        return new LagAgent(LagAgent.Kind.CHOICE, lag, "Choice(" + lag + ")");
    }

    /**
     * @param lag n ≥ 1
     * @return Reward(n): x_t = s(c_{t−n})·r_{t−n}
     */
    public static Agent rewardLag(int lag) {
        return new LagAgent(LagAgent.Kind.REWARD, lag, "Reward(" + lag + ")");
    }

    /**
     * A transition × reward lag regressor.
     *
     * @param type CR (common, rewarded), UR (uncommon, rewarded), CO (common, omission),
     *             UO (uncommon, omission)
     * @param lag  n ≥ 1
     * @return x_t = s(c_{t−n}) when trial t−n is of that type, else 0; named e.g. {@code CR(2)}
     * @throws IllegalArgumentException if the type is unknown or the lag &lt; 1
     */
    public static Agent transReward(String type, int lag) {
        LagAgent.Kind k;
        try {
            k = LagAgent.Kind.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transition-reward type must be one of [CR, UR, CO, UO], got '" + type + "'");
        }
        if (k == LagAgent.Kind.CHOICE || k == LagAgent.Kind.REWARD) {
            throw new IllegalArgumentException("transition-reward type must be one of [CR, UR, CO, UO], got '" + type + "'");
        }
        return new LagAgent(k, lag, k.name() + "(" + lag + ")");
    }

    /**
     * The twostep-GLM block: CR, UR, CO, UO at lags 1..maxLag (lag-major order).
     *
     * @param maxLag largest lag, ≥ 1
     * @return 4·maxLag agents
     */
    public static List<Agent> transRewardLags(int maxLag) {
        if (maxLag < 1) {
            throw new IllegalArgumentException("maxLag must be >= 1, got " + maxLag);
        }
        List<Agent> out = new ArrayList<>();
        for (int n = 1; n <= maxLag; n++) {
            for (String t : List.of("CR", "UR", "CO", "UO")) {
                out.add(transReward(t, n));
            }
        }
        return out;
    }

    /**
     * Original Python project's "MF Reward": Q starts at 0, Q ← (1−d)Q, Q[c] += α(r − Q[c])
     * with r ∈ {0,1}; α fitted (start 0.3), decay d fixed at 0.
     *
     * @return the agent
     */
    public static Agent mfRewardDecay() {
        return new OriginalMfRewardAgent(AgentParameter.fitted("alpha", 0.3), AgentParameter.fixed("decay", 0));
    }

    /**
     * Original Python project's "MF Choice": Q ← (1−ρ)Q, Q[c] += κ with κ = 0.2, so
     * x ← (1−ρ)x + κ·s(c). κ only rescales x and is fixed; ρ is fitted (start 0.2). The
     * original's default ρ = 0 let x grow without bound.
     *
     * @return the agent
     */
    public static Agent mfChoiceDecay() {
        return new DecayAgent("MFchoiceDecay", Agents::mfChoiceInput, DecayAgent.Gain.CONSTANT, 0.2, false,
                AgentParameter.fitted("rho", 0.2));
    }

    /**
     * Original Python project's "Model-based" agent with p_common = 0.7 and a fitted state
     * learning rate (start 0.2); see the class documentation of the catalogue.
     *
     * @return the agent
     */
    public static Agent mbState() {
        return new OriginalMbAgent(0.7, AgentParameter.fitted("alphaState", 0.2));
    }

    /** @return names {@link #parse} accepts, lag forms shown as patterns */
    public static List<String> names() {
        List<String> out = new ArrayList<>(NAMES);
        out.addAll(List.of("Choice(n)", "Reward(n)", "CR(n)", "UR(n)", "CO(n)", "UO(n)"));
        return out;
    }

    /**
     * Looks an agent up by name, case-insensitively.
     *
     * @param name e.g. {@code MBrewardB}, {@code td0}, {@code Choice(3)}, {@code CR(2)}
     * @return a new agent with default parameters
     * @throws IllegalArgumentException if the name is unknown (the message lists the valid names)
     */
    public static Agent parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("agent name is null; valid names: " + names());
        }
        String n = name.trim();
        Matcher m = LAGGED.matcher(n);
        if (m.matches()) {
            int lag = Integer.parseInt(m.group(2));
            if (lag < 1) {
                throw new IllegalArgumentException("agent '" + name + "': lag must be >= 1");
            }
            return switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "choice" -> choiceLag(lag);
                case "reward" -> rewardLag(lag);
                default -> transReward(m.group(1), lag);
            };
        }
        return switch (n.toLowerCase(Locale.ROOT)) {
            case "mbreward" -> mbReward();
            case "mbrewardb" -> mbRewardB();
            case "mbchoice" -> mbChoice();
            case "mbchoiceb" -> mbChoiceB();
            case "mfreward" -> mfReward();
            case "mfrewardb" -> mfRewardB();
            case "mfchoice" -> mfChoice();
            case "mfchoiceb" -> mfChoiceB();
            case "mbbellman" -> mbBellman();
            case "mbbellmanb" -> mbBellmanB();
            case "td0" -> td0();
            case "td1" -> td1();
            case "td1b" -> td1B();
            case "noveltypref" -> noveltyPref();
            case "persev" -> persev();
            case "bias" -> bias();
            case "intercept" -> intercept();
            case "gambler" -> gambler();
            case "gamblerb" -> gamblerB();
            case "mfrewarddecay" -> mfRewardDecay();
            case "mfchoicedecay" -> mfChoiceDecay();
            case "mbstate" -> mbState();
            default -> throw new IllegalArgumentException("unknown agent '" + name + "'; valid names: " + names());
        };
    }

    private static double mbRewardInput(int c, int o, int r, boolean common) {
        return DecayAgent.pm(r) * DecayAgent.sign(common ? c : 1 - c);
    }

    private static double mbChoiceInput(int c, int o, int r, boolean common) {
        return DecayAgent.sign(common ? c : 1 - c);
    }

    private static double mfRewardInput(int c, int o, int r, boolean common) {
        return DecayAgent.pm(r) * DecayAgent.sign(c);
    }

    private static double mfChoiceInput(int c, int o, int r, boolean common) {
        return DecayAgent.sign(c);
    }

    private static double bellmanInput(int c, int o, int r, boolean common) {
        return DecayAgent.pm(r) * DecayAgent.sign(o);
    }

    private static double gamblerInput(int c, int o, int r, boolean common) {
        return (1 - DecayAgent.pm(r)) * DecayAgent.sign(c);
    }
}
