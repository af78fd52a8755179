package io.benchfleet.protocol.trainer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.util.Optional;

/**
 * The epoch event's {@code gpuMemBytes} as JSON: a whole number of bytes, or no field at all. Jackson has no
 * {@link Optional} support without a module that the trainers' classpath would have to carry for this one field;
 * and its own number binding would take {@code 1.5} or {@code "12"} for a long, where a trainer that prints them has
 * a bug the worker node should name.
 */
final class GpuMemoryJson {

    static final String EXPECTED = "gpuMemBytes must be a whole number of bytes, 0 or more, or left out";

    private GpuMemoryJson() {
    }

    static final class Writer extends JsonSerializer<Optional<Long>> {
        @Override
        public void serialize(Optional<Long> bytes, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeNumber(bytes.orElseThrow());
        }

        /** Empty is left out of the line ({@code JsonInclude.Include.NON_EMPTY}): a CPU has no GPU memory. */
        @Override
        public boolean isEmpty(SerializerProvider provider, Optional<Long> bytes) {
            return bytes.isEmpty();
        }
    }

    static final class Reader extends JsonDeserializer<Optional<Long>> {
        @Override
        public Optional<Long> deserialize(JsonParser json, DeserializationContext context) throws IOException {
            if (json.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER || json.getLongValue() < 0) {
                return context.reportInputMismatch(this, EXPECTED + "; got " + json.getText());
            }
            return Optional.of(json.getLongValue());
        }

        /** A field left out, or given as null, says the same: no GPU. */
        @Override
        public Optional<Long> getNullValue(DeserializationContext context) {
            return Optional.empty();
        }
    }
}
