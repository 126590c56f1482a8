/**
 * Accepted risks and change over time: suppressions files (who accepted which FAIL, why, until when) and baselines (an
 * earlier scan's SARIF report), applied to a finished scan's results before any report is written. Reads files; never
 * reaches Azure or plug-ins.
 */
package dev.lensix.engine.triage;
