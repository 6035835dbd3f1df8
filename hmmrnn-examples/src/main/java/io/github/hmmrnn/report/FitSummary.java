package io.github.hmmrnn.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.numeric.SignificantDigits;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.moa.FittedHmmMoa;
import org.apache.commons.csv.CSVFormat;

/**
 * The table comparing the fits of one {@code fit} run ({@code summary.csv}, {@code summary.md}):
 * per subject and model the choice log-likelihood on the subject's data, the normalised
 * likelihood, the number of free parameters and BIC where they are defined, whether the fit
 * converged and how long it took.
 */
public final class FitSummary {

    private FitSummary() {
    }

    /**
     * One fit.
     *
     * @param subject              subject name
     * @param model                model name
     * @param scoredTrials         scored trials of the subject
     * @param choiceLogLikelihood  Σ log p(choice | past) over the scored trials (causal predictions)
     * @param normalizedLikelihood exp(choiceLogLikelihood / scoredTrials)
     * @param parameters           free parameters, where the model family defines them (HMM-MoA)
     * @param bic                  −2·(log-likelihood of what the chain emits) + parameters·ln(scored
     *                             trials), or NaN where the parameters are not counted
     * @param converged            whether the fit met its convergence rule (EM tolerance, early stop)
     * @param seconds              fit time
     */
    public record Row(String subject, String model, int scoredTrials, double choiceLogLikelihood,
                      double normalizedLikelihood, OptionalInt parameters, double bic, boolean converged,
                      double seconds) {
    }

    /**
     * Scores a fitted model on the data it was fitted to.
     *
     * @param subject subject name
     * @param name    the model's specification name (e.g. {@code HmmMoa-K2})
     * @param model   the fit
     * @param data    the subject's sessions
     * @param seconds wall-clock time of the whole fit, every start included (a model's own history
     *                times only the start it kept)
     * @return its row
     */
    public static Row row(String subject, String name, FittedChoiceModel model, TwoStepDataset data,
                          double seconds) {
        PredictiveScore s = PredictiveMetrics.evaluate(data, model.predictChoiceProbabilities(data));
        double ll = -s.nll() * s.numScored();
        OptionalInt k = OptionalInt.empty();
        double bic = Double.NaN;
        if (model instanceof FittedHmmMoa moa) {
            int states = moa.numStates();
            int p = moa.agentNames().size() * states + (states - 1) + states * (states - 1)
                    + moa.learningRates().size() + moa.outcomeEmissions().map(o -> 2 * states).orElse(0);
            k = OptionalInt.of(p);
            bic = -2 * moa.logLikelihood(data) + p * Math.log(s.numScored());
        }
        return new Row(subject, name, s.numScored(), ll, Math.exp(-s.nll()), k, bic,
                model.history().converged(), seconds);
    }

    /** RFC 4180 cells, quoted only where needed (Apache Commons CSV). */
    private static final CSVFormat CSV = CSVFormat.RFC4180;

    /**
     * Writes {@code summary.csv} and {@code summary.md}.
     *
     * @param rows    the fits
     * @param dir     output folder
     * @param command the command line that produced them
     * @param data    the data file (and its SHA-256)
     * @return the two files
     */
    public static List<Path> write(List<Row> rows, Path dir, String command, String data) {
        StringBuilder csv = new StringBuilder("subject,model,scored_trials,choice_log_likelihood,"
                + "normalized_likelihood,parameters,bic,converged,seconds\n");
        StringBuilder md = new StringBuilder("Fits of `" + command + "` on " + data + ".\n\n"
                + "Log-likelihood: Σ log p(choice | past trials) over the scored trials of the subject (early-stopping "
                + "models include their held-out segments). BIC = −2·(log-likelihood of what the chain emits) + "
                + "parameters·ln(scored trials); counted for HMM-MoA only.\n\n"
                + "| subject | model | scored trials | log-likelihood | normalised likelihood | parameters | BIC | "
                + "converged | fit (s) |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String k = r.parameters().isPresent() ? Integer.toString(r.parameters().getAsInt()) : "";
            // a subject name may hold a comma or quote (the dataset CSV quotes it): quote it here too
            csv.append(CSV.format(r.subject(), r.model(), Integer.toString(r.scoredTrials()),
                    Double.toString(r.choiceLogLikelihood()), Double.toString(r.normalizedLikelihood()), k,
                    Double.isNaN(r.bic()) ? "" : Double.toString(r.bic()), Boolean.toString(r.converged()),
                    Numbers.sig4(r.seconds()))).append('\n');
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s |%n", r.subject(),
                    r.model(), r.scoredTrials(), SignificantDigits.nats(r.choiceLogLikelihood()),
                    Numbers.sig4(r.normalizedLikelihood()), k.isEmpty() ? "–" : k,
                    Double.isNaN(r.bic()) ? "–" : SignificantDigits.nats(r.bic()), r.converged() ? "yes" : "**no**",
                    Numbers.sig4(r.seconds())));
        }
        return TableFiles.write(dir, "summary", csv, md);
    }
}
