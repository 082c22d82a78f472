/**
 * Inside the network module: the network survey's store (its waves, the ties and
 * respondents a submission writes, the daily roster-search budget) and the checking of a
 * respondent's draft. Not visible to other modules;
 * {@link app.balcony.network.NetworkSurvey} is the API.
 */
package app.balcony.network.survey;
