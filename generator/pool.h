/*
 * pool.h — running independent jobs on every core.
 *
 * The callers keep output deterministic: a job writes only to what it
 * owns (its slot in an array the caller made, or per-worker scratch), and
 * the caller merges the results in job order afterwards. Which worker
 * ran which job, and when, must not matter.
 */
#ifndef ESG_POOL_H
#define ESG_POOL_H

#include <stddef.h>

/* Most workers a pool starts, however many cores there are. */
#define ESG_POOL_MAX 16

/* How many workers to use for njobs jobs: the online cores, at most
 * njobs and ESG_POOL_MAX, at least 1. */
size_t esg_pool_workers(size_t njobs);

/* Runs run(ctx, job, worker) for every job in [0, njobs), on nworkers
 * workers (from esg_pool_workers) numbered 0 .. nworkers-1; the calling
 * thread is worker 0. Returns when every job is done. If a thread cannot
 * be started, the others (at least the caller) do its share. */
void esg_pool_run(size_t njobs, size_t nworkers,
    void (*run)(void *ctx, size_t job, size_t worker), void *ctx);

#endif
