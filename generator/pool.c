/* pool.c — a fixed set of threads taking jobs from a shared counter. */
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

typedef struct pool {
	size_t njobs;
	atomic_size_t next;
	void (*run)(void *ctx, size_t job, size_t worker);
	void *ctx;
} pool;

typedef struct worker {
	pool *p;
	size_t index;
	pthread_t thread;
} worker;

static void *
work(void *arg)
{
	worker *w = arg;
	size_t job;
	while ((job = atomic_fetch_add(&w->p->next, 1)) < w->p->njobs)
		w->p->run(w->p->ctx, job, w->index);
	return NULL;
}

size_t
esg_pool_workers(size_t njobs)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cpus < 1 ? 1 : (size_t)cpus;
	if (n > ESG_POOL_MAX)
		n = ESG_POOL_MAX;
	if (n > njobs)
		n = njobs;
	return n ? n : 1;
}

void
esg_pool_run(size_t njobs, size_t nworkers,
    void (*run)(void *ctx, size_t job, size_t worker), void *ctx)
{
	pool p = { njobs, 0, run, ctx };
	worker w[ESG_POOL_MAX];
	if (nworkers < 1)
		nworkers = 1;
	if (nworkers > ESG_POOL_MAX)
		nworkers = ESG_POOL_MAX;
	size_t started = 1;
	for (size_t i = 0; i < nworkers; i++)
		w[i] = (worker){ &p, i, 0 };
	for (size_t i = 1; i < nworkers; i++, started++)
		if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
			break;
	work(&w[0]);
	for (size_t i = 1; i < started; i++)
		pthread_join(w[i].thread, NULL);
}
