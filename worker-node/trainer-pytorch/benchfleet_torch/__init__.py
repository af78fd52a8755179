"""benchfleet's PyTorch trainer: one attempt of the trainer protocol (version 1) trained with torch.

Modules: main (the process: arguments, exit status), attempt (one attempt, in order), task (the TrainerTask
JSON), partition (the .npy data), network (layers with Keras' defaults), optimizer (DL4J's hyper-parameters),
training (the timed epoch loop), events (stdout lines), lifeline (stdin EOF), resources (/proc readings),
allocator (malloc settings), probe (--probe), failures (kinds).
"""
