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
package org.ferrum.application.journeys;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every name by which the journeys find something in the application's windows: window classes and titles, menu paths,
 * button texts, the texts that say a run or a conversion has finished. The features change (the editor, the comparison
 * view, the viewer, the DICOM import window are being reworked); when a name changes, it changes here and nowhere else.
 *
 * <p>Windows ({@code TopComponent}s) are matched by {@link Gui#topComponent}: by class name (simple or qualified), by
 * {@code getName()} or by display name (exact, or as a prefix). Menu paths use "|" between levels and match by prefix,
 * so a trailing "…" need not be written.
 */
final class JourneyNames {

    private JourneyNames() {}

    // ---- first start
    // -------------------------------------------------------------------------------------------------
    /** The welcome window (modules/welcome). */
    static final String WELCOME_WINDOW = "WelcomeTopComponent";
    /** The study browser the demo cohort opens in (modules/study-ui). */
    static final String STUDY_BROWSER_WINDOW = "StudyBrowserTopComponent";
    /** Title prefix of the first start's comparison window of the demo visit's maps (study-ui DemoWorkspace). */
    static final String DEMO_COMPARISON_TITLE = "Compare maps: DEMO — simulated abdomen";
    /** The maps the demo comparison must show, one per tile, in this order (χ, R2*, LIC, PDFF). */
    static final List<String> DEMO_MAPS = List.of("chi", "r2star", "lic", "pdff");

    // ---- comparison workspace (modules/viewer org.ferrum.viewer.compare) -------------------------------------------
    static final String COMPARE_WINDOW = "CompareTopComponent";
    /** Window ▸ Compare Maps…: the workspace on the session's newest maps (none in a fresh session). */
    static final String MENU_COMPARE_MAPS = "Window|Compare Maps";
    /** Title of the window Window ▸ Compare Maps… opens. */
    static final String COMPARE_TITLE = "Compare maps";

    static final String COMPARE_LAYOUT = "compare.layout";
    /** The layout the LIC journey compares in (CompareLayout's text). */
    static final String COMPARE_ONE_BY_TWO = "1 × 2";
    /** The map picker of tile N (1-based): {@code COMPARE_PICKER + N}. */
    static final String COMPARE_PICKER = "compare.map.";

    static final String COMPARE_ROI_TOOL = "compare.roiTool";
    /** The ROI tool the journey draws with (RoiTool's text): drag a box, the inscribed ellipse is the ROI. */
    static final String COMPARE_ELLIPSE = "ellipse";

    static final String COMPARE_ADD_FILE = "compare.addFile";
    /** Title prefix of the file chooser of "Add file…". */
    static final String COMPARE_ADD_FILE_CHOOSER = "Add a map to compare";
    /** Tile N, its image and its header: {@code COMPARE_TILE + N}, {@code COMPARE_VIEW + N}. */
    static final String COMPARE_TILE = "compare.tile.";

    static final String COMPARE_VIEW = "compare.view.";
    /** A tile header's map label: "NAME [UNIT]" (group 1 the name, group 2 the unit). */
    static final Pattern COMPARE_TILE_LABEL = Pattern.compile("(.+?) \\[(.+)\\]");

    static final String COMPARE_PAIR_A = "compare.pair.a";
    static final String COMPARE_PAIR_B = "compare.pair.b";
    static final String COMPARE_CAPTION = "compare.statisticsCaption";
    /** The caption once an ROI is drawn: "A − B over the ROI: n = N voxel pairs…" (group 1: n). */
    static final Pattern COMPARE_CAPTION_ROI = Pattern.compile(".* over the ROI: n = (\\d+) voxel pairs.*");
    /** The agreement table: statistic | value | 95 % CI | unit. */
    static final String COMPARE_STATISTICS = "compare.statistics";

    static final String STAT_BIAS = "bias (mean a − b)";
    static final String STAT_LOWER_LIMIT = "lower limit of agreement (−1.96 SD)";
    static final String STAT_UPPER_LIMIT = "upper limit of agreement (+1.96 SD)";
    static final String COMPARE_CHART_BLAND_ALTMAN = "compare.chart.blandAltman";
    /** The liver pipeline the LIC journey runs headless first, its two LIC outputs (file names) and their unit. */
    static final String LIVER_PIPELINE = "pipelines/liver-hqsm.json";

    static final String LIC_QSM_OUTPUT = "lic_qsm";
    static final String LIC_R2STAR_OUTPUT = "lic_r2star";
    static final String LIC_UNIT = "mg Fe/g dw";

    // ---- menus
    // -------------------------------------------------------------------------------------------------------
    static final String MENU_NEW_PIPELINE = "File|New Pipeline";
    static final String MENU_OPEN_PIPELINE = "File|Open Pipeline";
    static final String MENU_IMPORT_DICOM = "File|Import DICOM Folder";
    static final String MENU_EXIT = "File|Exit";

    // ---- pipeline editor
    // ---------------------------------------------------------------------------------------------
    static final String EDITOR_WINDOW = "PipelineEditorTopComponent";
    /** Title of the file chooser of File ▸ Open Pipeline…. */
    static final String OPEN_PIPELINE_CHOOSER = "Open pipeline";

    static final String RUN_BUTTON = "Run";
    /** If Run asks for input values first (a dialog), the button that starts the run with the values shown. */
    static final List<String> RUN_DIALOG_CONFIRM = List.of("Run", "OK");

    static final String SHOW_OUTPUTS_BUTTON = "Show outputs";
    /** The editor's status line after a whole run: how many nodes ran and how many came from the cache. */
    static final Pattern RUN_FINISHED = Pattern.compile("pipeline done: (\\d+) ran, (\\d+) from the cache.*");
    /** Words of a node's state line once a run has computed or reused it ("cached" today; "done" for a fresh result). */
    static final List<String> FINISHED_STATES = List.of("done", "cached");
    /** Word of a node's state line after an edit that the next run recomputes. */
    static final String STALE_STATE = "stale";
    /** The node and parameter that the brain-QSM journey changes, and the value it sets (the default is 200). */
    static final String BRAIN_QSM_NODE = "dipole";

    static final String BRAIN_QSM_PARAMETER = "max_iterations";
    static final String BRAIN_QSM_NEW_VALUE = "40";
    /** Nodes upstream of {@link #BRAIN_QSM_NODE}: a parameter change there must not re-run them. */
    static final List<String> BRAIN_QSM_UPSTREAM = List.of("read", "mask", "unwrap", "combine");
    /** The operator palette's tree holds operators as leaves; the journey adds the first one to dirty a pipeline. */
    static final String PALETTE_CLASS = "OperatorPalette";

    // ---- Run on cohort… (pipeline-editor org.ferrum.pipeline.editor.cohort) ---------------------------------------
    static final String RUN_ON_COHORT_BUTTON = "Run on cohort";
    /** Title prefix of the dialog ("Run PIPELINE on a cohort"). */
    static final String COHORT_DIALOG = "Run ";

    static final String COHORT_MANIFEST = "cohort.manifest";
    static final String COHORT_OUT = "cohort.out";
    static final String COHORT_PARALLEL = "cohort.parallel";
    static final String COHORT_PROBLEMS = "cohort.problems";
    static final String COHORT_RUN = "cohort.run";
    /** The run's window and its parts. */
    static final String COHORT_RUN_WINDOW = "CohortRunTopComponent";

    static final String COHORT_RUN_SUMMARY = "cohortRun.summary";
    static final String COHORT_RUN_TASKS = "cohortRun.tasks";
    static final String COHORT_RUN_CANCEL = "cohortRun.cancel";
    static final String COHORT_RUN_END = "cohortRun.end";
    /** The summary once the batch has ended: "Finished…", "Finished with failures…", "Cancelled…". */
    static final Pattern COHORT_RUN_ENDED = Pattern.compile("(Finished|Cancelled|ferrum-batch stopped).*");
    /** The task table's columns. */
    static final int COHORT_TASK_COLUMN = 0;

    static final int COHORT_STATUS_COLUMN = 1;
    static final int COHORT_REASON_COLUMN = 4;

    // ---- viewer
    // ------------------------------------------------------------------------------------------------------
    static final String VIEWER_WINDOW = "ViewerTopComponent";

    // ---- DICOM import
    // ------------------------------------------------------------------------------------------------
    static final String DICOM_IMPORT_WINDOW = "DicomImportTopComponent";
    static final String DICOM_SCAN_CHOOSER = "Import DICOM Folder";
    /** Component names in the import window. */
    static final String DICOM_TREE = "dicomSeriesTree";

    static final String DICOM_CONVERT_BUTTON = "dicomConvertButton";
    /** The output folder field (editable; a path typed there is where Convert writes). */
    static final String DICOM_OUTPUT_FOLDER = "dicomOutputFolder";

    static final String DICOM_CONVERT_ALL = "dicomConvertAll";
    static final String DICOM_FILES_TABLE = "dicomFilesTable";
    static final String DICOM_REPORT = "dicomConversionReport";
    static final String DICOM_STATUS = "dicomStatus";
    /** The status line once a scan has finished. */
    static final Pattern DICOM_SCANNED = Pattern.compile("Scanned .*");
    /**
     * How the scan counts the files it left out, apart by kind: "U unreadable DICOM files, [K DICOM files without an
     * image, ]N non-DICOM files ignored" (group 1: U, group 2: N).
     */
    static final Pattern DICOM_LEFT_OUT = Pattern.compile(
            ".*\\b(\\d+) unreadable DICOM files?, (?:\\d+ DICOM files? without an image, )?(\\d+) non-DICOM files? ignored.*");
    /** The kind column's text of a non-DICOM file in the files table. */
    static final String DICOM_NOT_DICOM_KIND = "not DICOM (ignored)";
    /** The status line once a conversion has finished: "Converted C of S series into OUT: N outputs written…". */
    static final Pattern DICOM_CONVERTED =
            Pattern.compile("Converted (\\d+) of (\\d+) series into .*: (\\d+) outputs? written.*");
    /** A series row of the import tree: "#NUMBER  DESCRIPTION  ·  …". */
    static final Pattern DICOM_SERIES_ROW = Pattern.compile("#(\\d+)\\s+(.+?)\\s+·.*");
    /** The series the journey converts: a small one, 3 files (heudiconv's multi-echo GRE magnitude). */
    static final Pattern DICOM_SERIES_TO_CONVERT =
            Pattern.compile("#\\d+\\s+GRE_QSM\\s+·\\s+MR\\s+·\\s+magnitude\\b.*");

    // ---- dialogs
    // -----------------------------------------------------------------------------------------------------
    /** Buttons that leave a question without changing anything, in order of preference. */
    static final List<String> CANCEL_BUTTONS = List.of("Cancel");
    /** Buttons that close a modified pipeline without saving it, in order of preference. */
    static final List<String> DISCARD_BUTTONS = List.of("Discard", "Don't Save", "Do Not Save", "No");
}
