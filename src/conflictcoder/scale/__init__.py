"""Scale: the same stage functions in one process, a process pool, or on a Dask cluster.

- `work.py`: what a worker does (build the pipeline once per process, extract a chunk).
- `runner.py`: the driver on one machine (stream, skip stored articles, bounded in-flight
  work, write in batches, stop cleanly on Ctrl-C, resume by re-running).
- `cluster.py`: the driver on Dask distributed (partitions, Parquet parts, load into the store).
"""
