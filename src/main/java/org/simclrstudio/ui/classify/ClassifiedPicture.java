package org.simclrstudio.ui.classify;

import java.util.List;

import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.image.DecodedPicture;
import org.simclrstudio.core.infer.Prediction;

/**
 * One picture the user gave to the Classify workspace and what became of it.
 *
 * @param name file name or "Pasted image"
 * @param picture the decoded picture (EXIF orientation applied, shrunk for display) and the size of the
 *     original, null when it could not be read
 * @param top the most probable classes, most probable first; empty on error
 * @param error one line for the user when the picture could not be read or classified, else empty
 */
public record ClassifiedPicture(String name, DecodedPicture picture, List<Prediction> top, String error) {

    /** Returns the entry of a picture that could not be read or classified. */
    public static ClassifiedPicture failed(String name, String error) {
        return new ClassifiedPicture(name, null, List.of(), error);
    }

    /** Returns the decoded picture as shown, or null when it could not be read. */
    public RgbImage image() {
        return picture == null ? null : picture.image();
    }

    /** Returns whether the picture was classified. */
    public boolean succeeded() {
        return error.isEmpty();
    }
}
