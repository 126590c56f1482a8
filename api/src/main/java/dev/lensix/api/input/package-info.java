/**
 * The SPI of inputs: an {@link dev.lensix.api.input.Input} reads the resources the checks need and yields them as
 * {@link dev.lensix.api.input.Collected}, with a {@link dev.lensix.api.input.CollectionLedger} of what was collected
 * and what was not, and a {@link dev.lensix.api.input.CoverageRule} the inventory answers coverage with.
 */
package dev.lensix.api.input;
