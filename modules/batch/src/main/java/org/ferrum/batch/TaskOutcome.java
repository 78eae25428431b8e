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
package org.ferrum.batch;

import java.io.Serializable;
import java.util.List;

/**
 * What became of one cohort task.
 *
 * @param index    the task's position in the plan (its Spark partition)
 * @param taskId   {@code sub-S_ses-V} or {@code sub-S}
 * @param status   done, reused or failed
 * @param attempts pipeline runs made (0 when reused)
 * @param seconds  wall time of all attempts
 * @param reasons  why each failed attempt failed, in order (for a done task: the attempts before the one that
 *                 succeeded); never null
 * @param folder   the task's folder: published ({@code sub-S/ses-V}) or, when failed, {@code .failed/<task id>}
 */
public record TaskOutcome(
        int index, String taskId, Status status, int attempts, double seconds, List<String> reasons, String folder)
        implements Serializable {

    public enum Status {
        DONE,
        REUSED,
        FAILED;

        /** The word used in events and the summary. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public TaskOutcome {
        reasons = List.copyOf(reasons);
    }

    /** The last reason, or "" if none. */
    public String lastReason() {
        return reasons.isEmpty() ? "" : reasons.get(reasons.size() - 1);
    }
}
