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
package org.ferrum.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/** A map-backed {@link DicomDataset} for tests: values are strings (split at backslashes), byte arrays or item lists. */
final class FakeDataset implements DicomDataset {

    private final TreeMap<Integer, Object> values = new TreeMap<>();
    private final String source;

    FakeDataset(String source) {
        this.source = source;
    }

    FakeDataset put(int tag, String value) {
        values.put(tag, value);
        return this;
    }

    FakeDataset put(int tag, double... numbers) {
        StringBuilder b = new StringBuilder();
        for (double n : numbers) {
            if (b.length() > 0) {
                b.append('\\');
            }
            b.append(n == Math.rint(n) && Math.abs(n) < 1e9 ? Long.toString((long) n) : Double.toString(n));
        }
        values.put(tag, b.toString());
        return this;
    }

    FakeDataset bytes(int tag, byte[] value) {
        values.put(tag, value);
        return this;
    }

    FakeDataset items(int tag, DicomDataset... items) {
        values.put(tag, List.of(items));
        return this;
    }

    FakeDataset remove(int tag) {
        values.remove(tag);
        return this;
    }

    FakeDataset copy(String newSource) {
        FakeDataset d = new FakeDataset(newSource);
        d.values.putAll(values);
        return d;
    }

    @Override
    public boolean contains(int tag) {
        return values.containsKey(tag);
    }

    @Override
    public Optional<Vr> vr(int tag) {
        return Optional.empty();
    }

    @Override
    public List<Integer> tags() {
        return new ArrayList<>(values.keySet());
    }

    @Override
    public Optional<String> string(int tag) {
        List<String> s = strings(tag);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    @Override
    public List<String> strings(int tag) {
        Object v = values.get(tag);
        return v instanceof String s && !s.isEmpty() ? Arrays.asList(s.split("\\\\", -1)) : List.of();
    }

    @Override
    public OptionalInt integer(int tag) throws DicomFormatException {
        OptionalDouble d = number(tag);
        return d.isPresent() ? OptionalInt.of((int) d.getAsDouble()) : OptionalInt.empty();
    }

    @Override
    public OptionalDouble number(int tag) throws DicomFormatException {
        double[] d = numbers(tag);
        return d.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(d[0]);
    }

    @Override
    public double[] numbers(int tag) throws DicomFormatException {
        List<String> s = strings(tag);
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(s.get(i).trim());
            } catch (NumberFormatException e) {
                throw new DicomFormatException(
                        Path.of(source),
                        String.format("(%04X,%04X) value \"%s\" is not a number", tag >>> 16, tag & 0xFFFF, s.get(i)));
            }
        }
        return out;
    }

    @Override
    public Optional<byte[]> bytes(int tag) {
        return values.get(tag) instanceof byte[] b ? Optional.of(b) : Optional.empty();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<DicomDataset> sequence(int tag) {
        return values.get(tag) instanceof List<?> l ? (List<DicomDataset>) l : List.of();
    }

    @Override
    public String source() {
        return source;
    }
}
