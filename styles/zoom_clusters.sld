<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>zoom_clusters</Name>
    <UserStyle>
      <Title>Clusters per zoom, sized by incidents</Title>
      <FeatureTypeStyle>
        <Rule>
          <Title>0 - 1 incidents</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PointSymbolizer>
            <Graphic>
              <Mark>
                <WellKnownName>circle</WellKnownName>
                <Fill><CssParameter name="fill">#6a51a3</CssParameter></Fill>
                <Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.8</CssParameter></Stroke>
              </Mark>
              <Size>6</Size>
            </Graphic>
          </PointSymbolizer>
        </Rule>
        <Rule>
          <Title>1 - 10 incidents</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>10</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PointSymbolizer>
            <Graphic>
              <Mark>
                <WellKnownName>circle</WellKnownName>
                <Fill><CssParameter name="fill">#6a51a3</CssParameter></Fill>
                <Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.8</CssParameter></Stroke>
              </Mark>
              <Size>10</Size>
            </Graphic>
          </PointSymbolizer>
        </Rule>
        <Rule>
          <Title>10 - 100 incidents</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>10</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>100</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PointSymbolizer>
            <Graphic>
              <Mark>
                <WellKnownName>circle</WellKnownName>
                <Fill><CssParameter name="fill">#6a51a3</CssParameter></Fill>
                <Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.8</CssParameter></Stroke>
              </Mark>
              <Size>16</Size>
            </Graphic>
          </PointSymbolizer>
        </Rule>
        <Rule>
          <Title>100 - 1000 incidents</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>100</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>1000</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PointSymbolizer>
            <Graphic>
              <Mark>
                <WellKnownName>circle</WellKnownName>
                <Fill><CssParameter name="fill">#6a51a3</CssParameter></Fill>
                <Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.8</CssParameter></Stroke>
              </Mark>
              <Size>24</Size>
            </Graphic>
          </PointSymbolizer>
        </Rule>
        <Rule>
          <Title>1000 - more incidents</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThan><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>1000</ogc:Literal></ogc:PropertyIsGreaterThan>
            <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>point_count</ogc:PropertyName><ogc:Literal>1000000000000</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>
          </ogc:And></ogc:Filter>
          <PointSymbolizer>
            <Graphic>
              <Mark>
                <WellKnownName>circle</WellKnownName>
                <Fill><CssParameter name="fill">#6a51a3</CssParameter></Fill>
                <Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">0.8</CssParameter></Stroke>
              </Mark>
              <Size>34</Size>
            </Graphic>
          </PointSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
