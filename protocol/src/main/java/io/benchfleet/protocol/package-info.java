/**
 * What every part of benchfleet agrees on: the sweep model, the architecture zoo as data, the
 * datasets' catalog, the cluster messages with their Kryo serializer, and the trainer's event lines.
 */
package io.benchfleet.protocol;
