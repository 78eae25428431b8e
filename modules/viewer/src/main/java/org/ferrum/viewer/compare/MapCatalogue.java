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
package org.ferrum.viewer.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;
import net.imglib2.type.numeric.real.FloatType;
import org.ferrum.core.Volume;
import org.ferrum.viewer.NamedVolume;

/**
 * The maps the comparison workspace can link, from wherever they came: outputs of pipeline runs (what the editor's
 * "Show outputs" hands to the viewer), files opened with "Add file…", a study's visit maps. One per session
 * ({@link #global()}); a test or another window may keep its own.
 *
 * <p>Contract: entries are kept newest first, at most {@link #CAPACITY}; an entry with the same name and origin as a new
 * one is replaced (a re-run's output replaces the stale one, it is not listed twice). Listeners are told of every change,
 * on the thread that made it. Thread-safe.
 */
public final class MapCatalogue {

    /** Most maps kept (the oldest are dropped: a session's maps may be large). */
    public static final int CAPACITY = 32;

    /**
     * One map that can be compared.
     *
     * @param map    the name shown on its tile and axes, and the values (with their unit)
     * @param origin where it came from, e.g. "run output of lic_qsm (liver.lic.qsm)", "file /data/lic.nii.gz"
     */
    public record Entry(NamedVolume map, String origin) {
        public Entry {
            Objects.requireNonNull(map, "map");
            Objects.requireNonNull(origin, "origin");
        }

        public String name() {
            return map.name();
        }

        /** The unit symbol of the values ("" for dimensionless). */
        public String unit() {
            return map.volume().unit().symbol();
        }

        /** "name [unit]", the picker's text (the origin is its tooltip). */
        @Override
        public String toString() {
            return org.ferrum.charts.AxisLabel.of(name(), unit());
        }
    }

    private static final MapCatalogue GLOBAL = new MapCatalogue();

    private final List<Entry> entries = new ArrayList<>();
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    /** The session's catalogue, fed by the viewer's entry points. */
    public static MapCatalogue global() {
        return GLOBAL;
    }

    /** Adds (or replaces) one map; returns its entry. */
    public Entry add(NamedVolume map, String origin) {
        Entry e = new Entry(map, origin);
        synchronized (entries) {
            entries.removeIf(old -> old.name().equals(e.name()) && old.origin().equals(e.origin()));
            entries.add(0, e);
            while (entries.size() > CAPACITY) {
                entries.remove(entries.size() - 1);
            }
        }
        fire();
        return e;
    }

    /** Adds several maps of one origin, in their order (the first listed first). */
    public List<Entry> addAll(List<NamedVolume> maps, String origin) {
        List<Entry> added = new ArrayList<>();
        for (int i = maps.size() - 1; i >= 0; i--) {
            added.add(0, add(maps.get(i), origin));
        }
        return added;
    }

    /**
     * A pipeline node's outputs as the editor's "Show outputs" hands them to viewers (port name → value): each float
     * volume becomes an entry named "node.port", where node is {@code title} up to " (" (the editor's titles are
     * "node (operator)"). Other outputs are ignored.
     *
     * @return the entries added, in port order
     */
    @SuppressWarnings("unchecked")
    public List<Entry> addRunOutputs(String title, Map<String, Object> outputs) {
        String node = title.contains(" (") ? title.substring(0, title.indexOf(" (")) : title;
        List<NamedVolume> maps = new ArrayList<>();
        outputs.forEach((port, value) -> {
            if (value instanceof Volume<?> v && v.image().firstElement() instanceof FloatType) {
                maps.add(new NamedVolume(node + "." + port, (Volume<FloatType>) v));
            }
        });
        return addAll(maps, "run output of " + title);
    }

    /** The entries, newest first (a copy). */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The newest entry whose name equals {@code name} (case-insensitive), or null. */
    public Entry find(String name) {
        for (Entry e : entries()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    public void addChangeListener(ChangeListener l) {
        listeners.add(l);
    }

    public void removeChangeListener(ChangeListener l) {
        listeners.remove(l);
    }

    private void fire() {
        ChangeEvent ev = new ChangeEvent(this);
        for (ChangeListener l : listeners) {
            l.stateChanged(ev);
        }
    }
}
