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
package org.ferrum.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a node's result depends on: operator id and version, effective parameter values (as
 * canonical text), the cache keys of the upstream results on each input port, and the content hashes
 * of files named by path parameters. Its {@link #key()} is the SHA-256 of a canonical serialisation, so
 * equal signatures give equal keys and any change gives another key.
 */
record NodeSignature(
        String operatorId,
        String version,
        Map<String, String> parameters,
        Map<String, String> inputKeys,
        Map<String, String> fileHashes) {

    NodeSignature {
        parameters = new TreeMap<>(parameters);
        inputKeys = new TreeMap<>(inputKeys);
        fileHashes = new TreeMap<>(fileHashes);
    }

    String key() {
        StringBuilder sb = new StringBuilder();
        sb.append("op\u0000")
                .append(operatorId)
                .append('\u0000')
                .append(version)
                .append('\n');
        parameters.forEach((k, v) ->
                sb.append("p\u0000").append(k).append('\u0000').append(v).append('\n'));
        inputKeys.forEach((k, v) ->
                sb.append("i\u0000").append(k).append('\u0000').append(v).append('\n'));
        fileHashes.forEach((k, v) ->
                sb.append("f\u0000").append(k).append('\u0000').append(v).append('\n'));
        return sha256(sb.toString());
    }

    /**
     * Why a node with this signature must run again, compared with the previous one (null: never ran).
     * Lists every difference, e.g. "parameter 'lower' changed: 0.1 → 0.2; input 'volume' changed".
     */
    String differencesFrom(NodeSignature previous, Map<String, String> upstreamNodeOfPort) {
        if (previous == null) {
            return "first run";
        }
        StringBuilder sb = new StringBuilder();
        if (!operatorId.equals(previous.operatorId)) {
            append(sb, "operator changed: " + previous.operatorId + " → " + operatorId);
        } else if (!version.equals(previous.version)) {
            append(sb, "operator version changed: " + previous.version + " → " + version);
        }
        diff(sb, "parameter", previous.parameters, parameters);
        for (String port : union(previous.inputKeys, inputKeys)) {
            String a = previous.inputKeys.get(port);
            String b = inputKeys.get(port);
            if (!Objects.equals(a, b)) {
                String from = upstreamNodeOfPort.get(port);
                append(
                        sb,
                        a == null
                                ? "input '" + port + "' connected"
                                : b == null
                                        ? "input '" + port + "' disconnected"
                                        : "input '" + port + "' changed"
                                                + (from == null
                                                        ? ""
                                                        : " (upstream node '" + from + "' has a new result)"));
            }
        }
        for (String p : union(previous.fileHashes, fileHashes)) {
            if (!Objects.equals(previous.fileHashes.get(p), fileHashes.get(p))) {
                append(sb, "file named by '" + p + "' changed on disk");
            }
        }
        return sb.length() == 0
                ? "same inputs as last time, but the earlier result is no longer cached"
                : sb.toString();
    }

    private static void diff(StringBuilder sb, String what, Map<String, String> before, Map<String, String> after) {
        for (String k : union(before, after)) {
            String a = before.get(k);
            String b = after.get(k);
            if (!Objects.equals(a, b)) {
                append(
                        sb,
                        what + " '" + k + "' changed: " + (a == null ? "unset" : a) + " → "
                                + (b == null ? "unset" : b));
            }
        }
    }

    private static java.util.SortedSet<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.TreeSet<String> s = new java.util.TreeSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }

    private static void append(StringBuilder sb, String text) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(text);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
