package org.simclrstudio.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A class-balanced labelled subset of a split for semi-supervised experiments: the same number of
 * images from every class, drawn with a seed. The same split, count and seed give the same images on
 * every run and JVM, because {@link java.util.Random} is specified to the bit.
 *
 * <p>The subset is itself a split named like its source, with the chosen images in ascending
 * source order.
 */
public final class LabelledSubset implements DatasetSplit {

    private final DatasetSplit source;
    private final int[] indices;
    private final int perClass;
    private final long seed;

    private LabelledSubset(DatasetSplit source, int[] indices, int perClass, long seed) {
        this.source = source;
        this.indices = indices;
        this.perClass = perClass;
        this.seed = seed;
    }

    /**
     * Chooses {@code perClass} images of every class of {@code dataset}'s train split, so a class with
     * no train image at all is reported too.
     *
     * @throws DatasetException when the dataset has no train split or a class has fewer images than asked
     */
    public static LabelledSubset perClass(Dataset dataset, int perClass, long seed) throws DatasetException {
        DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow(() -> new DatasetException(
                "Dataset " + dataset.location() + " has no 'train' split to take labelled images from"));
        return choose(train, dataset.classNames(), dataset.classNames().size(), perClass, seed);
    }

    /**
     * Chooses {@code perClass} images of every class found in {@code train}. The classes are
     * 0 to the largest label in the split, so a missing class above that label goes unnoticed; use
     * {@link #perClass(Dataset, int, long)} to check against the dataset's class list.
     *
     * @throws DatasetException when the split is unlabelled or a class has fewer images than asked
     * @throws IllegalArgumentException when {@code perClass} is below 1
     */
    public static LabelledSubset perClass(DatasetSplit train, int perClass, long seed) throws DatasetException {
        int maxLabel = -1;
        if (train.isLabelled()) {
            for (int i = 0; i < train.size(); i++) {
                maxLabel = Math.max(maxLabel, train.label(i));
            }
        }
        return choose(train, null, maxLabel + 1, perClass, seed);
    }

    private static LabelledSubset choose(DatasetSplit train, List<String> classNames, int classCount, int perClass,
            long seed) throws DatasetException {
        if (perClass < 1) {
            throw new IllegalArgumentException("Images per class must be 1 or more, got " + perClass);
        }
        if (!train.isLabelled()) {
            throw new DatasetException("Split '" + train.name() + "' has no labels to choose a labelled subset from");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classCount; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < train.size(); i++) {
            int label = train.label(i);
            if (label < 0 || label >= classCount) {
                throw new DatasetException("Image " + i + " of split '" + train.name() + "' has label " + label
                        + ", expected 0.." + (classCount - 1));
            }
            byClass.get(label).add(i);
        }
        Random random = new Random(seed);
        int[] chosen = new int[classCount * perClass];
        int next = 0;
        for (int k = 0; k < classCount; k++) {
            List<Integer> members = byClass.get(k);
            if (members.size() < perClass) {
                String name = classNames != null ? "'" + classNames.get(k) + "' (label " + k + ")" : "label " + k;
                throw new DatasetException("Class " + name + " has " + members.size() + " images in split '"
                        + train.name() + "', fewer than the " + perClass + " per class requested");
            }
            Collections.shuffle(members, random);
            for (int j = 0; j < perClass; j++) {
                chosen[next++] = members.get(j);
            }
        }
        Arrays.sort(chosen);
        return new LabelledSubset(train, chosen, perClass, seed);
    }

    /** Returns the split the images were chosen from. */
    public DatasetSplit source() {
        return source;
    }

    /** Returns the chosen indices into {@link #source()}, ascending; a copy. */
    public int[] indices() {
        return indices.clone();
    }

    /** Returns the number of images per class. */
    public int perClassCount() {
        return perClass;
    }

    /** Returns the seed the images were drawn with. */
    public long seed() {
        return seed;
    }

    /** Returns the index into {@link #source()} of image {@code index} of this subset. */
    public int sourceIndex(int index) {
        return indices[index];
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public boolean isLabelled() {
        return true;
    }

    @Override
    public int label(int index) {
        return source.label(indices[index]);
    }

    @Override
    public int imageWidth() {
        return source.imageWidth();
    }

    @Override
    public int imageHeight() {
        return source.imageHeight();
    }

    @Override
    public RgbImage image(int index) throws DatasetException {
        return source.image(indices[index]);
    }

    @Override
    public void readPlanar(int index, byte[] target, int offset) throws DatasetException {
        source.readPlanar(indices[index], target, offset);
    }
}
