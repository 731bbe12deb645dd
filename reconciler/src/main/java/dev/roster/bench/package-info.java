/**
 * Benchmarks: generated config repos of realistic shape and size, and the measurements that README
 * reports. Not used by any pipeline stage.
 */
package dev.roster.bench;
