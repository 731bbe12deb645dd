/**
 * Benchmarks: generated config repos of realistic shape and size, and the measurements that README
 * reports ({@code roster bench validate|apply|serve}). Not used by any pipeline stage.
 */
package dev.roster.bench;
