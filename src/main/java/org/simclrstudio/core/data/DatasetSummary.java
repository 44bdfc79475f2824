package org.simclrstudio.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts of a dataset for display: format, classes and, per split, the number of images and of
 * images per class. Building it reads every label once and no image data.
 *
 * @param format the on-disk format
 * @param location the folder the dataset was opened from
 * @param classNames the class names, indexed by label
 * @param splits one entry per split, in the dataset's order
 */
public record DatasetSummary(DatasetFormat format, Path location, List<String> classNames,
        List<SplitSummary> splits) {

    /**
     * Counts of one split.
     *
     * @param name the split name
     * @param count the number of images
     * @param perClass images per class indexed by label, or {@code null} for an unlabelled split
     * @param imageWidth the width of every image, or -1 when sizes vary
     * @param imageHeight the height of every image, or -1 when sizes vary
     */
    public record SplitSummary(String name, int count, int[] perClass, int imageWidth, int imageHeight) {

        /** Returns whether the split's images carry labels. */
        public boolean isLabelled() {
            return perClass != null;
        }
    }

    /** Summarises {@code dataset}, counting the labels of every labelled split. */
    public static DatasetSummary of(Dataset dataset) {
        int classCount = dataset.classNames().size();
        List<SplitSummary> splits = new ArrayList<>();
        for (DatasetSplit split : dataset.splits()) {
            int[] perClass = null;
            if (split.isLabelled()) {
                perClass = new int[classCount];
                for (int i = 0; i < split.size(); i++) {
                    perClass[split.label(i)]++;
                }
            }
            splits.add(new SplitSummary(split.name(), split.size(), perClass, split.imageWidth(), split.imageHeight()));
        }
        return new DatasetSummary(dataset.format(), dataset.location(), dataset.classNames(), List.copyOf(splits));
    }
}
