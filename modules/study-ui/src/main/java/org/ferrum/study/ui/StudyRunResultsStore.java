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
package org.ferrum.study.ui;

import java.awt.GridLayout;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import org.ferrum.pipeline.Execution;
import org.ferrum.pipeline.editor.RunResultsStore;
import org.ferrum.pipeline.headless.HeadlessRunner;
import org.ferrum.study.PipelineResults;
import org.ferrum.study.StudyDatabase;
import org.ferrum.study.StudyException;
import org.ferrum.study.Subject;
import org.ferrum.study.Visit;
import org.openide.DialogDisplayer;
import org.openide.NotifyDescriptor;
import org.openide.util.lookup.ServiceProvider;

/**
 * The pipeline editor's "Save to study…": asks for a subject and a visit date (the visit is created if that subject has
 * none on that date), writes the run's outputs and provenance under {@code <study folder>/runs/<subject>/<date>-<pipeline>}
 * as a headless run would, and records the maps and the measurement table on the visit in one transaction
 * ({@link PipelineResults#saveToVisit}).
 */
@ServiceProvider(service = RunResultsStore.class)
public final class StudyRunResultsStore implements RunResultsStore {

    @Override
    public String store(Path pipelineFile, Execution run) {
        StudyDatabase db = StudyWorkspace.database();
        if (db == null) {
            return "the study database is not available: " + StudyWorkspace.failure();
        }
        try {
            List<Subject> subjects = db.findAll(Subject.class).stream()
                    .sorted(Comparator.comparing(Subject::code))
                    .toList();
            if (subjects.isEmpty()) {
                return "the study has no subjects yet: add one (or import a CSV) first";
            }
            JComboBox<String> subject =
                    new JComboBox<>(subjects.stream().map(Subject::code).toArray(String[]::new));
            JTextField date = new JTextField(LocalDate.now().toString());
            JComboBox<String> session = new JComboBox<>(new String[] {"", Visit.PRE_DIALYSIS, Visit.POST_DIALYSIS});
            session.setName("saveRun.session");
            session.setToolTipText("Which scan of the day: leave empty for the day's only scan; a pre- and a"
                    + " post-dialysis scan on one day are two visits");
            JTextField tesla = new JTextField();
            tesla.setName("saveRun.fieldStrength");
            tesla.setToolTipText("The scanner's main field B0 in tesla (e.g. 1.5 or 3); empty if not known. R2* from"
                    + " different field strengths is not comparable, and the charts say so");
            JPanel form = new JPanel(new GridLayout(4, 2, 6, 6));
            form.add(new JLabel("Subject"));
            form.add(subject);
            form.add(new JLabel("Visit date (yyyy-mm-dd)"));
            form.add(date);
            form.add(new JLabel("Session (optional)"));
            form.add(session);
            form.add(new JLabel("Field strength B0 [T] (optional)"));
            form.add(tesla);
            NotifyDescriptor d =
                    new NotifyDescriptor.Confirmation(form, "Save run to study", NotifyDescriptor.OK_CANCEL_OPTION);
            if (DialogDisplayer.getDefault().notify(d) != NotifyDescriptor.OK_OPTION) {
                return "not saved";
            }
            LocalDate day;
            try {
                day = LocalDate.parse(date.getText().trim());
            } catch (DateTimeParseException e) {
                return "not saved: visit date '" + date.getText() + "' is not yyyy-mm-dd";
            }
            Double b0 = null;
            if (!tesla.getText().isBlank()) {
                try {
                    b0 = Double.parseDouble(tesla.getText().trim());
                } catch (NumberFormatException e) {
                    return "not saved: field strength '" + tesla.getText() + "' is not a number of tesla (e.g. 3)";
                }
            }
            Subject s = subjects.get(subject.getSelectedIndex());
            long visitId = visitOn(db, s, day, (String) session.getSelectedItem(), b0);
            String name = run.pipeline().name().replaceAll("[^A-Za-z0-9_-]+", "_");
            Path dir = StudyWorkspace.folder().resolve("runs").resolve(s.code()).resolve(day + "-" + name);
            HeadlessRunner.writeResults(run, pipelineFile, dir);
            List<Record> saved = PipelineResults.saveToVisit(db, visitId, run, dir);
            StudyBrowserTopComponent.reloadOpen();
            return "saved " + saved.size() + " maps and measurements to " + s.code() + ", visit " + day + " (" + dir
                    + ")";
        } catch (StudyException | java.io.IOException e) {
            return "not saved: " + e.getMessage();
        }
    }

    /**
     * The subject's visit on that day and session, created if there is none; a field strength given for a visit that
     * has none recorded is recorded, one that contradicts the recorded one is refused.
     */
    static long visitOn(StudyDatabase db, Subject s, LocalDate day, String session, Double b0) throws StudyException {
        String label = session == null ? "" : session;
        return db.inTransaction(repo -> {
            Optional<Visit> v = repo.visitsOf(s.id()).stream()
                    .filter(x -> x.visitDate().equals(day) && x.sessionLabel().equals(label))
                    .findFirst();
            if (v.isEmpty()) {
                return repo.insert(new Visit(null, s.id(), day, s.weightKg(), label, b0))
                        .id();
            }
            Visit old = v.get();
            if (b0 != null && old.fieldStrengthT() == null) {
                repo.update(new Visit(old.id(), old.subjectId(), day, old.weightKg(), label, b0));
            } else if (b0 != null && !b0.equals(old.fieldStrengthT())) {
                throw new StudyException(
                        "visit " + old.describe() + " of " + s.code() + " was recorded at " + old.fieldStrengthT()
                                + " T, not " + b0 + " T; nothing was saved",
                        "visits",
                        "field_strength_t",
                        null);
            }
            return old.id();
        });
    }
}
