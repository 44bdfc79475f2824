package org.simclrstudio.core.data;

/** Views over dataset splits: the unlabeled pool for pretraining and the first images of a split. */
public final class DatasetSplits {

    private DatasetSplits() {
    }

    /**
     * Returns the images for unlabeled pretraining: the {@code unlabeled} split when the dataset has
     * one, else its {@code train} split with the labels hidden. The fallback view is named
     * {@code unlabeled} and reads the train images, so pretraining runs on IDX and most folder datasets.
     *
     * @throws DatasetException when the dataset has neither an {@code unlabeled} nor a {@code train} split
     */
    public static DatasetSplit unlabeledPool(Dataset dataset) throws DatasetException {
        var unlabeled = dataset.split(Dataset.UNLABELED);
        if (unlabeled.isPresent()) {
            return unlabeled.get();
        }
        var train = dataset.split(Dataset.TRAIN);
        if (train.isEmpty()) {
            throw new DatasetException("Dataset " + dataset.location() + " has neither an 'unlabeled' nor a 'train' "
                    + "split to pretrain on");
        }
        return new Unlabelled(train.get());
    }

    /**
     * Returns a view of the first {@code count} images of {@code split}, or the split itself when it has
     * no more than {@code count} images.
     *
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public static DatasetSplit limit(DatasetSplit split, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Image count must be 0 or more, got " + count);
        }
        if (count >= split.size()) {
            return split;
        }
        return new First(split, count);
    }

    /** A split that forwards reads to another one. */
    private abstract static class Forwarding implements DatasetSplit {

        final DatasetSplit source;

        Forwarding(DatasetSplit source) {
            this.source = source;
        }

        @Override
        public String name() {
            return source.name();
        }

        @Override
        public int size() {
            return source.size();
        }

        @Override
        public boolean isLabelled() {
            return source.isLabelled();
        }

        @Override
        public int label(int index) {
            checkIndex(index);
            return source.label(index);
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
            checkIndex(index);
            return source.image(index);
        }

        @Override
        public void readPlanar(int index, byte[] target, int offset) throws DatasetException {
            checkIndex(index);
            source.readPlanar(index, target, offset);
        }

        void checkIndex(int index) {
            if (index < 0 || index >= size()) {
                throw new IndexOutOfBoundsException("Image index " + index + " is outside 0.." + (size() - 1)
                        + " of split '" + name() + "'");
            }
        }
    }

    /** The train images without their labels. */
    private static final class Unlabelled extends Forwarding {

        Unlabelled(DatasetSplit train) {
            super(train);
        }

        @Override
        public String name() {
            return Dataset.UNLABELED;
        }

        @Override
        public boolean isLabelled() {
            return false;
        }

        @Override
        public int label(int index) {
            checkIndex(index);
            return NO_LABEL;
        }
    }

    /** The first images of a split. */
    private static final class First extends Forwarding {

        private final int count;

        First(DatasetSplit source, int count) {
            super(source);
            this.count = count;
        }

        @Override
        public int size() {
            return count;
        }
    }
}
