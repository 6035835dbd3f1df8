/**
 * The behavioural data model: immutable two-step task sessions, subjects, datasets and
 * session-level train/test splits.
 */
package io.github.hmmrnn.data;
