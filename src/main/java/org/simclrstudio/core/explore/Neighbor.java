package org.simclrstudio.core.explore;

/**
 * One image found by a nearest-neighbour query.
 *
 * @param index index of the image in its split
 * @param label class index of the image, -1 for an unlabelled image
 * @param similarity cosine similarity of its features to the query's, in -1..1
 */
public record Neighbor(int index, int label, double similarity) {
}
