/*
 * Copyright 2026 The Ferrum developers
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.ferrum.io.bids;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.ferrum.io.VolumeFormatException;

/**
 * A BIDS JSON sidecar: the acquisition metadata that sits next to an image as {@code <name>.json}
 * (BIDS specification, "Common principles: the inheritance principle" and "Magnetic Resonance
 * Imaging: common metadata fields").
 *
 * <p>Contract: immutable; every key of the file is kept, in its order, with its JSON value, and
 * written back unchanged by {@link #write} — including keys Ferrum does not know. The typed
 * accessors read the keys in the units BIDS prescribes: {@code EchoTime} in seconds,
 * {@code MagneticFieldStrength} in tesla, {@code RepetitionTime} in seconds, {@code FlipAngle} in
 * degrees. {@code Units} is the BIDS key for the unit of the voxel values (e.g. {@code "rad"} for
 * phase, {@code "Hz"} for a field map); Ferrum writes it for every image it writes with a sidecar.
 */
public final class BidsSidecar {

    public static final String ECHO_TIME = "EchoTime";
    public static final String ECHO_NUMBER = "EchoNumber";
    public static final String MAGNETIC_FIELD_STRENGTH = "MagneticFieldStrength";
    public static final String MANUFACTURER = "Manufacturer";
    public static final String IMAGE_TYPE = "ImageType";
    public static final String REPETITION_TIME = "RepetitionTime";
    public static final String FLIP_ANGLE = "FlipAngle";
    public static final String UNITS = "Units";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode fields;

    private BidsSidecar(ObjectNode fields) {
        this.fields = fields;
    }

    /** A sidecar with no keys. */
    public static BidsSidecar empty() {
        return new BidsSidecar(JsonNodeFactory.instance.objectNode());
    }

    /**
     * Reads a sidecar.
     *
     * @throws VolumeFormatException if the file is not a JSON object
     */
    public static BidsSidecar read(Path json) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(json));
        } catch (JsonProcessingException e) {
            throw new VolumeFormatException(json, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new VolumeFormatException(json, "a BIDS sidecar must hold a JSON object");
        }
        return new BidsSidecar((ObjectNode) node);
    }

    /** The sidecar path of an image: the same name with {@code .nii}, {@code .nii.gz} (or any last extension) replaced by {@code .json}. */
    public static Path pathFor(Path image) {
        String name = image.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String stem;
        if (lower.endsWith(".nii.gz")) {
            stem = name.substring(0, name.length() - 7);
        } else {
            int dot = name.lastIndexOf('.');
            stem = dot > 0 ? name.substring(0, dot) : name;
        }
        return image.resolveSibling(stem + ".json");
    }

    /** Writes the sidecar (pretty-printed, keys in order). */
    public void write(Path json) throws IOException {
        Files.write(json, JSON.writeValueAsBytes(fields));
    }

    /** All keys, in file order. */
    public List<String> keys() {
        List<String> k = new ArrayList<>();
        fields.fieldNames().forEachRemaining(k::add);
        return k;
    }

    /** The raw JSON value of a key (a copy), if present. */
    public Optional<JsonNode> get(String key) {
        JsonNode n = fields.get(key);
        return n == null ? Optional.empty() : Optional.of(n.deepCopy());
    }

    /** A number-valued key; absent if missing or not a number. */
    public OptionalDouble number(String key) {
        JsonNode n = fields.get(key);
        return n != null && n.isNumber() ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** A text-valued key; absent if missing or not a string. */
    public Optional<String> text(String key) {
        JsonNode n = fields.get(key);
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /** Echo time in seconds (BIDS {@code EchoTime}). */
    public OptionalDouble echoTime() {
        return number(ECHO_TIME);
    }

    /** Echo number, 1-based (dcm2niix's {@code EchoNumber}). */
    public OptionalInt echoNumber() {
        JsonNode n = fields.get(ECHO_NUMBER);
        return n != null && n.canConvertToInt() && n.isIntegralNumber()
                ? OptionalInt.of(n.intValue())
                : OptionalInt.empty();
    }

    /** Main field in tesla (BIDS {@code MagneticFieldStrength}). */
    public OptionalDouble magneticFieldStrength() {
        return number(MAGNETIC_FIELD_STRENGTH);
    }

    public Optional<String> manufacturer() {
        return text(MANUFACTURER);
    }

    /** The DICOM Image Type values (e.g. ORIGINAL, PRIMARY, P, ND, PHASE); empty if absent. */
    public List<String> imageType() {
        JsonNode n = fields.get(IMAGE_TYPE);
        List<String> values = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> values.add(v.asText()));
        } else if (n != null && n.isTextual()) {
            values.add(n.textValue());
        }
        return values;
    }

    /** The unit of the voxel values (BIDS {@code Units}), e.g. {@code "rad"}. */
    public Optional<String> units() {
        return text(UNITS);
    }

    /** A copy with {@code key} set to a number. */
    public BidsSidecar with(String key, double value) {
        ObjectNode copy = fields.deepCopy();
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            copy.put(key, (long) value);
        } else {
            copy.put(key, value);
        }
        return new BidsSidecar(copy);
    }

    /** A copy with {@code key} set to a string. */
    public BidsSidecar with(String key, String value) {
        ObjectNode copy = fields.deepCopy();
        copy.put(key, value);
        return new BidsSidecar(copy);
    }

    /** A copy with {@code key} set to a list of strings (e.g. {@code ImageType}). */
    public BidsSidecar with(String key, List<String> values) {
        ObjectNode copy = fields.deepCopy();
        ArrayNode a = copy.putArray(key);
        values.forEach(a::add);
        return new BidsSidecar(copy);
    }

    /** A copy without {@code key}. */
    public BidsSidecar without(String key) {
        ObjectNode copy = fields.deepCopy();
        copy.remove(key);
        return new BidsSidecar(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BidsSidecar s && fields.equals(s.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
