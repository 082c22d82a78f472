/**
 * Inside the network module: the store of waves, ties, organisation ties and respondents
 * (all of the module's SQL except the network survey's, in {@code network.survey}), tie
 * import (parse, validate, apply), the stored per-wave metrics and their background job,
 * the organisation network and exports. Not visible to other modules;
 * {@link app.balcony.network.NetworkService} is the API.
 */
package app.balcony.network.waves;
