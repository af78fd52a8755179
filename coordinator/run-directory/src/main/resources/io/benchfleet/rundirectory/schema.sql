-- results.db: written by the coordinator alone, every event committed as it arrives.
CREATE TABLE IF NOT EXISTS run (
  key   TEXT PRIMARY KEY,        -- sweep_name, started_at, finished_at (ISO-8601 instants), coordinator_jvm
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
  task_id      TEXT PRIMARY KEY, -- TaskSpec.id(): stable across runs
  dataset      TEXT NOT NULL,
  architecture TEXT NOT NULL,
  device       TEXT NOT NULL,    -- cpu | gpu
  split        TEXT NOT NULL,
  fold         INTEGER NOT NULL,
  repetition   INTEGER NOT NULL,
  seed         INTEGER NOT NULL,
  epochs       INTEGER NOT NULL,
  batch_size   INTEGER NOT NULL,
  train_limit  INTEGER NOT NULL, -- 0 = the whole training part
  framework    TEXT,             -- dl4j | pytorch | a user's trainer; NULL in older files = dl4j
  train_fraction REAL,           -- share of the training part trained on; NULL in older files = 1
  learning_rate REAL             -- the optimizer's learning rate; NULL in older files = not recorded
);
CREATE TABLE IF NOT EXISTS workers (
  worker_id     TEXT PRIMARY KEY,
  hostname      TEXT NOT NULL,
  os            TEXT NOT NULL,
  cpu_model     TEXT NOT NULL,
  logical_cores INTEGER NOT NULL,
  memory_bytes  INTEGER NOT NULL,
  jvm           TEXT NOT NULL,
  slots         TEXT NOT NULL,   -- comma-separated: cpu,gpu:0
  gpus          TEXT,            -- e.g. gpu:0 NVIDIA H200, 140.4 GiB, driver 580.159.04, CUDA 13.0; gpu:1 ...
  joined_at     TEXT NOT NULL,
  frameworks    TEXT             -- e.g. dl4j 1.0.0-M2.1 (cpu); pytorch 1.13.0a0 (cpu, gpu)
);
CREATE TABLE IF NOT EXISTS attempts (
  attempt_id         TEXT PRIMARY KEY,
  task_id            TEXT NOT NULL REFERENCES tasks(task_id),
  number             INTEGER NOT NULL, -- 1 for the first attempt of a task; resume numbers on
  worker_id          TEXT NOT NULL,
  slot               TEXT NOT NULL,
  status             TEXT NOT NULL,    -- running | succeeded | failed
  started_at         TEXT NOT NULL,
  ended_at           TEXT,
  failure_kind       TEXT,             -- BAD_INPUT | DIVERGED | CRASHED | ERROR | TIMED_OUT | WORKER_LOST | HANDED_BACK | COORDINATOR_STOPPED
  failure_message    TEXT,
  pid                INTEGER,
  threads            INTEGER,
  backend            TEXT,
  layer_helpers      TEXT,             -- e.g. 0:ConvolutionLayer=MKLDNNConvHelper;2:ConvolutionLayer=...
  params             INTEGER,
  train_samples      INTEGER,
  test_samples       INTEGER,
  startup_seconds    REAL,
  train_seconds      REAL,
  samples_per_second REAL,
  test_accuracy      REAL,
  test_loss          REAL,
  device_name        TEXT,             -- the GPU of a gpu:N slot, or "CPU model, N cores" of the machine
  driver_version     TEXT,             -- NVIDIA driver, gpu slots only
  cuda_version       TEXT,             -- the CUDA version the driver runs (nvidia-smi), gpu slots only
  framework_version  TEXT,             -- what the trainer's started line says, e.g. 1.0.0-M2.1, 1.13.0a0
  partition_sha256   TEXT              -- the data partition's hash: equal across frameworks for the same data
);
CREATE TABLE IF NOT EXISTS epochs (
  attempt_id         TEXT NOT NULL REFERENCES attempts(attempt_id),
  task_id            TEXT NOT NULL,
  epoch              INTEGER NOT NULL,
  seconds            REAL NOT NULL,
  samples_per_second REAL NOT NULL,
  train_loss         REAL,
  train_accuracy     REAL,
  test_loss          REAL,
  test_accuracy      REAL,
  heap_bytes         INTEGER,
  rss_bytes          INTEGER,
  off_heap_bytes     INTEGER,
  gpu_mem_bytes      INTEGER,          -- memory in use on the trainer's GPU after the epoch; NULL on a cpu slot
  PRIMARY KEY (attempt_id, epoch)
);
CREATE TABLE IF NOT EXISTS samples (
  attempt_id          TEXT NOT NULL,
  task_id             TEXT NOT NULL,
  seconds_since_start REAL NOT NULL,
  process_cpu_percent REAL,
  process_rss_bytes   INTEGER,
  host_cpu_percent    REAL,
  host_used_bytes     INTEGER,
  gpu_index           INTEGER,
  gpu_util_percent    REAL,
  gpu_mem_used_bytes  INTEGER,
  gpu_power_watts     REAL,
  -- Added by the metrics agent's second version; one row per GPU and instant, GPU columns NULL on cpu slots.
  process_host_cpu_percent REAL,    -- the process tree's CPU as a share of the host, 100 = all cores
  process_threads          INTEGER,
  host_available_bytes     INTEGER,
  host_load_average        REAL,    -- one minute
  host_core_cpu_percent    TEXT,    -- per logical core, space-separated, 100 = that core busy
  cpu_temperature_celsius  REAL,
  cpu_frequency_mhz        REAL,    -- mean over the cores
  cpu_energy_joules        REAL,    -- RAPL package energy since the attempt started (whole host)
  gpu_mem_total_bytes      INTEGER,
  gpu_temperature_celsius  REAL,
  gpu_sm_clock_mhz         REAL,
  gpu_energy_joules        REAL,    -- this GPU's energy since the attempt started
  samples_dropped          INTEGER  -- the attempt's samples the agent dropped before this one
);
CREATE INDEX IF NOT EXISTS samples_by_attempt ON samples(attempt_id);
