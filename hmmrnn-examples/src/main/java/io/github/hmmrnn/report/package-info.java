/**
 * Writing output: Markdown/JSON reports, CSV tables and PNG+SVG charts of fitted models and
 * experiments. The experiments themselves run in {@link io.github.hmmrnn.experiment}.
 */
package io.github.hmmrnn.report;
