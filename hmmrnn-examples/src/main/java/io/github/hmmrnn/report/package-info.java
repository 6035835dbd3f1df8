/**
 * Reports and plots: Markdown/JSON reports and PNG+SVG charts of fitted models.
 */
package io.github.hmmrnn.report;
