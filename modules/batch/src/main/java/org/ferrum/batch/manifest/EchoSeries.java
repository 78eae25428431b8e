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
package org.ferrum.batch.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Images of one multi-echo series in BIDS form: {@code <entities>_echo-<N>[_part-mag|phase]_<suffix>.nii[.gz]} in one
 * folder, equal once the {@code echo} and {@code part} entities are removed (BIDS "Magnetic Resonance Imaging data",
 * entities {@code echo} and {@code part}; the rule {@code org.ferrum.io.bids.BidsMultiEcho} reads a series by).
 */
final class EchoSeries {

    private EchoSeries() {}

    private record Echo(Path file, String seriesKey, int echo, boolean magnitude) {}

    /**
     * The lowest echo's magnitude image if every path is an image of one and the same series, which the multi-echo
     * readers take to stand for the whole series; empty otherwise.
     */
    static Optional<Path> firstEcho(List<Path> images) {
        List<Echo> echoes = new ArrayList<>();
        for (Path p : images) {
            Echo e = parse(p);
            if (e == null) {
                return Optional.empty();
            }
            echoes.add(e);
        }
        if (echoes.isEmpty() || echoes.stream().map(Echo::seriesKey).distinct().count() != 1) {
            return Optional.empty();
        }
        return echoes.stream()
                .filter(Echo::magnitude)
                .min(Comparator.comparingInt(Echo::echo))
                .map(Echo::file);
    }

    private static Echo parse(Path p) {
        String name = p.getFileName().toString();
        String stem = name.endsWith(".nii.gz")
                ? name.substring(0, name.length() - 7)
                : name.endsWith(".nii") ? name.substring(0, name.length() - 4) : null;
        if (stem == null) {
            return null;
        }
        Integer echo = null;
        boolean magnitude = true; // BIDS: without part-, an image is a magnitude
        StringBuilder key = new StringBuilder(String.valueOf(p.toAbsolutePath().getParent())).append('/');
        for (String token : stem.split("_")) {
            if (token.startsWith("echo-")) {
                try {
                    echo = Integer.parseInt(token.substring(5));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else if (token.startsWith("part-")) {
                magnitude = token.equals("part-mag");
            } else {
                key.append(token).append('_');
            }
        }
        return echo == null ? null : new Echo(p, key.toString(), echo, magnitude);
    }
}
